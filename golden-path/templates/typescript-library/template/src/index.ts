/** The library's public surface: everything exported here is part of its semver contract. */
export { retry, type RetryOptions } from './retry.js';
