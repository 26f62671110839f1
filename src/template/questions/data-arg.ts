/** `--data name=value`: split at the first `=`; the value stays text until its question casts it. */
import { InputError } from '../../errors.ts';

export function parseDataArgument(argument: string): [string, string] {
  const index = argument.indexOf('=');
  const name = index === -1 ? '' : argument.slice(0, index).trim();
  if (!name) {
    throw new InputError(`--data expects name=value, got '${argument}'`, { argument });
  }
  return [name, argument.slice(index + 1)];
}
