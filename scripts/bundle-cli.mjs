/**
 * How bin/paved bundles the CLI (src/cli/main.ts) into dist/: our sources and the pure-JavaScript
 * libraries they use, so a command starts without Node resolving, reading and compiling
 * hundreds of separate module files. Measured here: kysely loads in 33 ms bundled against 191 ms
 * from node_modules, zod in 70 against 112, @octokit/rest in 26 against 53; release-please's
 * 200 CommonJS modules in half the time.
 *
 * Left in node_modules, loaded by Node at run time:
 * - libraries that find files beside themselves (a native addon, a WebAssembly binary) or load
 *   modules by computed name, which a bundle cannot hold;
 * - release-please's dependencies that only some of its paths use (DEFERRED): its own code gets a
 *   stand-in that loads the real library on first use (src/release/stand-in.ts). The TOML
 *   parser's base class (`@iarna/toml/lib/toml-parser`) is bundled: release-please extends it as
 *   it loads.
 */
import path from 'node:path';

/** Packages the bundle never contains. */
const EXTERNAL = new Set([
  'better-sqlite3', // native addon
  'minijinja-js', // reads its .wasm beside itself
  'kubernetes-models', // models are required by computed path (src/deploy/k8s.ts)
  '@kubernetes-models/argo-cd',
  'esbuild', // tools, not the product
  'tsx',
  'playwright-core',
]);

/**
 * release-please requires these at startup but uses them only in some paths: the XML, YAML, TOML
 * and JSONPath parsers of its file updaters, the HTML parser of pull request bodies and the
 * Handlebars changelog writer Paved replaces with its own renderer. Together about 200 modules,
 * half of release-please's load time, paid by every `paved release` run though most never touch
 * them. Value: the kind of export (a function can be called; its stand-in must be one too).
 */
export const DEFERRED = {
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

const packageOf = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
const RELEASE_PLEASE = /[\\/]node_modules[\\/]release-please[\\/]build[\\/]/;

/**
 * Whether `args.path` required from release-please is the copy the stand-in will load, which
 * resolves from dist/. An install that nests another version under release-please gets that
 * one bundled as is instead (not deferred, never the wrong version).
 */
async function sameCopy(build, args, root) {
  const probe = (resolveDir) => build.resolve(args.path, { kind: 'require-call', resolveDir, pluginData: { probe: true } });
  const [own, fromDist] = await Promise.all([probe(path.dirname(args.importer)), probe(path.join(root, 'dist'))]);
  return own.errors.length === 0 && own.path === fromDist.path;
}

/** The esbuild plugin that decides, per import, what is bundled. */
function dependencies(root) {
  const standIn = path.join(root, 'src', 'release', 'stand-in.ts');
  return {
    name: 'paved-dependencies',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData?.probe) return undefined;
        if (args.namespace === 'deferred' || args.path.startsWith('node:')) return { path: args.path, external: true };
        const name = packageOf(args.path);
        if (DEFERRED[args.path] && RELEASE_PLEASE.test(args.importer) && (await sameCopy(build, args, root))) {
          return { path: args.path, namespace: 'deferred', pluginData: DEFERRED[args.path] };
        }
        if (EXTERNAL.has(name)) return { path: args.path, external: true };
        return undefined; // bundled
      });
      build.onLoad({ filter: /.*/, namespace: 'deferred' }, (args) => ({
        contents: `const { standIn } = require(${JSON.stringify(standIn)});\nmodule.exports = standIn(${JSON.stringify(args.pluginData)}, () => require(${JSON.stringify(args.path)}));\n`,
        resolveDir: root,
        loader: 'js',
      }));
      // The one release-please module that reads files beside itself (a release type's templates).
      build.onLoad({ filter: /[\\/]release-please[\\/]build[\\/]src[\\/]strategies[\\/]ruby-yoshi\.js$/ }, async (args) => {
        const { readFile } = await import('node:fs/promises');
        const here = `require('node:path').dirname(require.resolve('release-please/build/src/strategies/ruby-yoshi.js'))`;
        return { contents: (await readFile(args.path, 'utf8')).replaceAll('__dirname', here), loader: 'js' };
      });
    },
  };
}

/** Builds the CLI bundle in memory; the caller writes `outputFiles`. `metafile` lists what went in. */
export async function bundleCli(root, outdir) {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'src', 'cli', 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    plugins: [dependencies(root)],
    // Bundled CommonJS code requires the external packages; an ES module has no `require` of its own.
    banner: { js: "import { createRequire as __pavedCreateRequire } from 'node:module';\nconst require = __pavedCreateRequire(import.meta.url);" },
    // Split chunks let `paved --help` start without loading the engines a command needs.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.js' },
    write: false,
    metafile: true,
    logLevel: 'silent',
    outdir,
  });
  return { outputFiles: result.outputFiles, metafile: result.metafile };
}
