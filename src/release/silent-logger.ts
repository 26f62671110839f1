import type { Logger } from 'release-please/build/src/util/logger.js';

const nothing = () => undefined;

/** release-please logs to the console by default; Paved reports through its own outcomes. */
export const silentLogger: Logger = { error: nothing, warn: nothing, info: nothing, debug: nothing, trace: nothing };
