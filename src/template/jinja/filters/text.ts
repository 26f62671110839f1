/** jinja2-ansible-filters for strings: hashing, encoding, shell quoting, paths, comments. */
import { createHash, randomInt } from 'node:crypto';
import { posix, win32 } from 'node:path';
import { strftime } from '../strftime.js';
import { arg, asString, filterError, splitArgs } from './args.js';

type Filter = (value: unknown, ...args: unknown[]) => unknown;

const HASHES = new Set(['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha3_256', 'sha3_512', 'blake2b', 'blake2s']);
const NODE_HASH: Record<string, string> = { sha3_256: 'sha3-256', sha3_512: 'sha3-512', blake2b: 'blake2b512', blake2s: 'blake2s256' };

function hash(v: unknown, type: string): string {
  if (!HASHES.has(type)) throw filterError('hash', `unsupported hash type '${type}'`);
  return createHash(NODE_HASH[type] ?? type).update(asString(v), 'utf8').digest('hex');
}

const ANSIBLE_NAMESPACE = '361e6d51-faec-444a-9079-341386da8e2e';

export function uuid5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const h = createHash('sha1').update(Buffer.concat([ns, Buffer.from(name, 'utf8')])).digest();
  h[6] = ((h[6] as number) & 0x0f) | 0x50;
  h[8] = ((h[8] as number) & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** Python's `shlex.quote`. */
export function shellQuote(s: string): string {
  if (s === '') return "''";
  if (!/[^\w@%+=:,./-]/.test(s)) return s;
  return `'${s.replace(/'/g, `'"'"'`)}'`;
}

const COMMENT_STYLES: Record<string, Record<string, string>> = {
  plain: { decoration: '# ' },
  erlang: { decoration: '% ' },
  c: { decoration: '// ' },
  cblock: { beginning: '/*', decoration: ' * ', end: ' */' },
  xml: { beginning: '<!--', decoration: ' - ', end: '-->' },
};

function comment(text: string, style: string, kw: Map<string, unknown>): string {
  const styleParams = COMMENT_STYLES[style];
  if (!styleParams) throw filterError('comment', `unknown style '${style}'`);
  const prepostfix = asString(kw.get('decoration') ?? styleParams.decoration).trimEnd();
  const p: Record<string, unknown> = { newline: '\n', beginning: '', prefix: prepostfix, prefix_count: 1, decoration: '', postfix: prepostfix, postfix_count: 1, end: '', ...styleParams, ...Object.fromEntries(kw) };
  const [nl, dec] = [asString(p.newline), asString(p.decoration)];
  const beginning = p.beginning ? `${asString(p.beginning)}${nl}` : '';
  const prefix = p.prefix ? (p.prefix !== nl ? `${asString(p.prefix)}${nl}` : nl).repeat(Number(p.prefix_count)) : '';
  const body = `${dec}${text.split(nl).join(`${nl}${dec}`)}`.split(`${dec}${nl}`).join(`${dec.trimEnd()}${nl}`);
  const postfix = ['', ...Array.from({ length: Number(p.postfix_count) }, () => asString(p.postfix))].join(nl);
  const end = p.end ? `${nl}${asString(p.end)}` : '';
  return `${beginning}${prefix}${body}${postfix}${end}`;
}

export const textFilters: Record<string, Filter> = {
  hash: (v, type) => hash(v, asString(type ?? 'sha1')),
  checksum: (v) => hash(v, 'sha1'),
  sha1: (v) => hash(v, 'sha1'),
  md5: (v) => hash(v, 'md5'),
  b64encode: (v, enc) => Buffer.from(asString(v), (asString(enc) || 'utf-8').replace('-', '') as BufferEncoding).toString('base64'),
  b64decode: (v, enc) => Buffer.from(asString(v), 'base64').toString((asString(enc) || 'utf-8').replace('-', '') as BufferEncoding),
  quote: (v) => shellQuote(v === undefined || v === null ? '' : asString(v)),
  to_uuid: (v, ns) => uuid5(asString(v), asString(ns) || ANSIBLE_NAMESPACE),
  comment(v, ...rest) {
    const a = splitArgs(rest, ['style', 'decoration', 'beginning', 'prefix', 'prefix_count', 'postfix', 'postfix_count', 'end', 'newline']);
    return comment(asString(v), asString(arg(a, 0, 'style', 'plain')), a.kw);
  },
  strftime(fmt, second) {
    const date = second === undefined || second === null ? new Date() : new Date(Number(second) * 1000);
    return strftime(date, asString(fmt), false);
  },
  basename: (v) => asString(v).slice(asString(v).lastIndexOf('/') + 1),
  dirname(v) {
    // Python's posixpath.dirname: keeps a run of leading slashes, trims trailing ones.
    const s = asString(v);
    const head = s.slice(0, s.lastIndexOf('/') + 1);
    return head && !/^\/+$/.test(head) ? head.replace(/\/+$/, '') : head;
  },
  relpath: (v, start) => posix.relative(asString(start) || '.', asString(v)) || '.',
  splitext(v) {
    const s = asString(v);
    const ext = posix.extname(s);
    return [s.slice(0, s.length - ext.length), ext];
  },
  win_basename: (v) => win32.basename(asString(v)),
  win_dirname: (v) => win32.dirname(asString(v)),
  win_splitdrive(v) {
    const s = asString(v);
    const m = /^([A-Za-z]:|\\\\[^\\]+\\[^\\]+)/.exec(s);
    return m ? [m[0], s.slice(m[0].length)] : ['', s];
  },
  path_join: (v) => posix.join(...(Array.isArray(v) ? v : [v]).map(asString)),
  shuffle(v) {
    const list = Array.isArray(v) ? [...v] : Array.from(asString(v));
    for (let i = list.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [list[i], list[j]] = [list[j], list[i]];
    }
    return list;
  },
  random(v, ...rest) {
    const a = splitArgs(rest, ['start', 'step', 'seed']);
    if (typeof v === 'number') {
      const start = Number(arg(a, 0, 'start', 0));
      const step = Number(arg(a, 1, 'step', 1));
      const count = Math.max(0, Math.ceil((v - start) / step));
      if (count === 0) throw filterError('random', 'empty range');
      return start + randomInt(count) * step;
    }
    const list = Array.isArray(v) ? v : v instanceof Map ? [...v.keys()] : Array.from(asString(v));
    if (list.length === 0) throw filterError('random', 'cannot choose from an empty sequence');
    return list[randomInt(list.length)];
  },
};

/** Filters that would read the host or need Python: fail clearly rather than return nonsense. */
export const refusedFilters: Record<string, string> = {
  realpath: 'it resolves paths on the machine rendering the template',
  expanduser: 'it reads the home folder of the machine rendering the template',
  expandvars: 'it reads environment variables of the machine rendering the template',
  fileglob: 'it lists files on the machine rendering the template',
  password_hash: 'it needs passlib/crypt',
  json_query: 'it needs jmespath',
  vault: 'Ansible Vault is not available',
  unvault: 'Ansible Vault is not available',
  to_datetime: 'Paved has no datetime values; use strftime',
  random_mac: 'not implemented',
};
