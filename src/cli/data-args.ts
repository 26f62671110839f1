import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';

/**
 * `--data k=v` (repeatable) and `--data-file F` into one answers object. `--data` wins over the
 * file, as in Copier. Values stay strings here; the question's type decides how they are read.
 */
export async function collectData(pairs: string[], dataFile: string | undefined): Promise<Record<string, unknown>> {
  const data: Record<string, unknown> = {};
  if (dataFile) {
    let parsed: unknown;
    try {
      // Read as Copier reads it (PyYAML, YAML 1.1).
      const { parseYaml11 } = await import('../template/config/yaml11.js');
      parsed = parseYaml11(await readFile(dataFile, 'utf8'));
    } catch (error) {
      throw new InputError(`--data-file ${dataFile}: ${(error as Error).message.split('\n')[0]}; give a YAML file of question: answer pairs`, { file: dataFile });
    }
    if (parsed !== null && parsed !== undefined && (typeof parsed !== 'object' || Array.isArray(parsed))) {
      throw new InputError(`--data-file ${dataFile} must be a YAML mapping of question: answer pairs`, { file: dataFile });
    }
    Object.assign(data, parsed ?? {});
  }
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new InputError(`--data '${pair}' is not NAME=VALUE; write e.g. --data project_name=billing`, { value: pair });
    data[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return data;
}
