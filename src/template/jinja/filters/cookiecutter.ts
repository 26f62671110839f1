/** cookiecutter.extensions: jsonify and slugify filters, random_ascii_string and uuid4 globals. */
import { randomInt, randomUUID } from 'node:crypto';
import { asString } from './args.js';
import { pyJsonDumps } from './json.js';

/** python-slugify defaults: transliterate, lowercase, non-alphanumerics → single '-'. */
export function slugify(text: string, separator = '-'): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/'/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, separator)
    .replace(new RegExp(`^${separator}+|${separator}+$`, 'g'), '');
}

export const cookiecutterFilters = {
  jsonify: (v: unknown, indent: unknown) => pyJsonDumps(v, { sortKeys: true, indent: indent === undefined ? 4 : Number(indent) }),
  slugify: (v: unknown) => slugify(asString(v)),
};

const ASCII = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const PUNCT = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

export const cookiecutterGlobals = {
  random_ascii_string(length: unknown, punctuation: unknown): string {
    const corpus = punctuation === true ? ASCII + PUNCT : ASCII;
    return Array.from({ length: Number(length) }, () => corpus[randomInt(corpus.length)]).join('');
  },
  uuid4: (): string => randomUUID(),
};
