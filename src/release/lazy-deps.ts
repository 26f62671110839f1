/**
 * Defers loading the libraries release-please requires at startup but uses only in some paths:
 * the XML, YAML, TOML and JSONPath parsers of its file updaters, the HTML parser of pull request
 * bodies and the Handlebars changelog writer Paved replaces with its own renderer. Loaded
 * eagerly they are about 200 modules and half of release-please's load time, paid by every
 * `paved release` run, most of which never touch them.
 *
 * Each `require` of one of them from release-please's own code returns a stand-in that loads
 * the real module on first use and then forwards everything to it, so behaviour is unchanged:
 * only the moment of loading moves. Module resolution stays Node's, from the same parent.
 */
import Module from 'node:module';

/** Deferred module → the kind of its export (a function can be called; the stand-in must be one too). */
const DEFERRED: Record<string, 'function' | 'object'> = {
  'conventional-changelog-writer': 'function',
  'conventional-changelog-conventionalcommits': 'function',
  'node-html-parser': 'object',
  '@xmldom/xmldom': 'object',
  xpath: 'object',
  'jsonpath-plus': 'object',
  'js-yaml': 'object',
  yaml: 'object',
  '@iarna/toml': 'object',
};

type Load = (request: string, parent: { filename?: string | null } | undefined, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: Load };
const RELEASE_PLEASE = /[\\/]node_modules[\\/]release-please[\\/]build[\\/]/;
let installed = false;

/** Installs the deferral for this process (idempotent). Call before release-please is first imported. */
export function deferReleasePleaseDependencies(): void {
  if (installed) return;
  installed = true;
  const load = loader._load;
  loader._load = function deferringLoad(this: unknown, request, parent, isMain) {
    const kind = DEFERRED[request];
    if (kind && parent?.filename && RELEASE_PLEASE.test(parent.filename)) return standIn(kind, () => load.call(this, request, parent, false));
    return load.call(this, request, parent, isMain);
  };
}

/** A proxy that loads the module the first time anything asks about it. */
export function standIn(kind: 'function' | 'object', loadReal: () => unknown): unknown {
  let real: object | undefined;
  const target = (): object => (real ??= loadReal() as object);
  // An arrow function has no non-configurable own properties, so every trap may answer from the real module.
  const shell = kind === 'function' ? () => undefined : {};
  return new Proxy(shell, {
    get: (_, key) => Reflect.get(target(), key),
    has: (_, key) => Reflect.has(target(), key),
    set: (_, key, value) => Reflect.set(target(), key, value),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
      // The proxy's own shell lacks the property, so it may only report it as configurable.
      return descriptor && { ...descriptor, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(target()),
    apply: (_, self, args) => Reflect.apply(target() as (...a: unknown[]) => unknown, self, args),
    construct: (_, args) => Reflect.construct(target() as new (...a: unknown[]) => object, args),
  });
}
