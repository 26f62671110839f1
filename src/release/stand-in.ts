/**
 * A stand-in for a module: loads the real one the first time anything asks about it, then
 * forwards everything to it, so behaviour is unchanged and only the moment of loading moves.
 * The CLI bundle gives release-please one for each library it requires at startup but uses only
 * in some paths (scripts/bundle-cli.mjs).
 */
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
