/**
 * release-please's configuration errors, as Paved's input errors: they come from the user's
 * repository (a package without the file its release type reads), not from a bug in Paved.
 */
import { ConfigurationError, MissingRequiredFileError } from 'release-please/build/src/errors/index.js';
import { InputError } from '../errors.js';

/** The error to report for `error` thrown by release-please's strategies; anything else unchanged. */
export function fromEngineError(error: unknown): unknown {
  // releaserName is sometimes the type users write (node), sometimes a class name (Helm): not quoted back.
  if (error instanceof MissingRequiredFileError) {
    return new InputError(
      `${error.file} is not in the commit being released, and its package's release type reads the version from it; commit it, or use release-type simple for a package without one`,
      { file: error.file },
      { cause: error },
    );
  }
  if (error instanceof ConfigurationError) {
    return new InputError(`release-please refused the configuration: ${error.message}; check that package's settings in release-please-config.json and the files they name`, {}, { cause: error });
  }
  return error;
}
