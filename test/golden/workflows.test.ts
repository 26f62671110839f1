import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkActionMetadata, compositeAsWorkflow } from '../support/action-metadata.js';
import { formatFindings, lintProject, lintWorkflows } from '../support/actionlint.js';
import {
  OWN_WORKFLOWS,
  REUSABLE_WORKFLOWS,
  actionFiles,
  actionName,
  checkableProject,
  checkableView,
  documentedRows,
  lintCallers,
  pinProblem,
  readmeExamples,
  shippedFiles,
  stepsOf,
  usesLines,
  workflowFiles,
  type ShippedFile,
} from './workflows-repo.js';

const projects: string[] = [];
afterAll(() => projects.forEach((root) => rmSync(root, { recursive: true, force: true })));
function project(extra?: Record<string, string>): string {
  const root = checkableProject(extra);
  projects.push(root);
  return root;
}

const fileText = (name: string) => shippedFiles().find((f) => f.path === name)!.text;
const nameOf = (file: ShippedFile) => file.path.replace(/^.*\//, '').replace(/\.ya?ml$/, '');

describe('the workflows repository lints clean', () => {
  it('ships the expected workflows and actions', () => {
    expect(workflowFiles().map(nameOf).sort()).toEqual([...REUSABLE_WORKFLOWS, ...OWN_WORKFLOWS].sort());
    expect(actionFiles().map(actionName)).toEqual(['build-push-image', 'paved', 'setup-node']);
  });

  it('every workflow, as shipped', async () => {
    expect(formatFindings(await lintWorkflows(workflowFiles()))).toBe('');
  });

  it('every workflow, with its own actions read from the repository and pinned actions at their major tag', async () => {
    expect(formatFindings(await lintProject(project()))).toBe('');
  });

  it.each(actionFiles().map((f) => [actionName(f), f] as const))('action %s: sound metadata, and its steps lint clean as a job', async (name, file) => {
    expect(checkActionMetadata(file.text)).toEqual([]);
    const asJob = compositeAsWorkflow(checkableView(file.text));
    expect(formatFindings(await lintWorkflows([{ path: `.github/workflows/action-${name}.yml`, text: asJob }]))).toBe('');
  });

  it('the README examples call every workflow and action with inputs and secrets they accept', async () => {
    const examples = readmeExamples(fileText('README.md'));
    const all = examples.join('\n');
    for (const name of REUSABLE_WORKFLOWS) expect(all).toContain(`acme/workflows/.github/workflows/${name}.yml@v1`);
    for (const file of actionFiles()) expect(all).toContain(`acme/workflows/actions/${actionName(file)}@v1`);
    expect(formatFindings(await lintCallers(examples.map((text, i) => ({ path: `README.md example ${i + 1}`, text }))))).toBe('');
  });
});

describe('reusable workflows follow the house rules', () => {
  const reusable = workflowFiles().filter((f) => REUSABLE_WORKFLOWS.includes(nameOf(f)));

  it.each(reusable.map((f) => [nameOf(f), f] as const))('%s: workflow_call only, permissions, concurrency, job time limits', (_name, file) => {
    const doc = parse(file.text) as {
      on: Record<string, unknown>;
      permissions?: unknown;
      concurrency?: { group?: string };
      jobs: Record<string, { permissions?: unknown; 'timeout-minutes'?: unknown }>;
    };
    expect(Object.keys(doc.on)).toEqual(['workflow_call']);
    expect(doc.permissions).toBeDefined();
    // A called workflow's group must not equal the caller's (github.workflow + ref) or the run waits on itself.
    expect(doc.concurrency?.group).toMatch(/^paved-/);
    for (const [id, job] of Object.entries(doc.jobs)) {
      expect(job.permissions, `jobs.${id}.permissions`).toBeDefined();
      expect(job['timeout-minutes'], `jobs.${id}.timeout-minutes`).toBeDefined();
    }
  });

  it('every action is pinned: third-party ones to a SHA with its version or an exact tag, own ones to @v1', () => {
    const actions = actionFiles().map(actionName);
    const versionsBySha = new Map<string, Set<string>>();
    const problems = [...workflowFiles(), ...actionFiles()].flatMap((file) =>
      usesLines(file.text).flatMap((uses) => {
        if (/@[0-9a-f]{40}$/.test(uses.ref)) versionsBySha.set(uses.ref, (versionsBySha.get(uses.ref) ?? new Set()).add(uses.comment ?? ''));
        const problem = pinProblem(uses, actions);
        return problem ? [`${file.path}:${uses.line}: ${problem}`] : [];
      }),
    );
    expect(problems).toEqual([]);
    for (const [ref, versions] of versionsBySha) expect([...versions], `${ref} is labelled with one version`).toHaveLength(1);
  });

  it('no run script interpolates an expression (values reach scripts through env)', () => {
    const offenders = [...workflowFiles(), ...actionFiles()].flatMap((file) =>
      stepsOf(file).filter(({ step }) => typeof step.run === 'string' && step.run.includes('${{')).map(({ where }) => where),
    );
    expect(offenders).toEqual([]);
  });

  it('names the organisation only as acme/workflows, so seeding can rewrite it with one replacement', () => {
    const strays = shippedFiles().flatMap((file) =>
      file.text.split('\n').flatMap((line, i) => (/acme(?!\/workflows)/i.test(line) ? [`${file.path}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(strays).toEqual([]);
  });

  it('the README tables match every input, secret and output', () => {
    const readme = fileText('README.md');
    const rows = [...workflowFiles(), ...actionFiles()].flatMap((file) => documentedRows(file)).filter((row) => !readme.includes(row));
    expect(rows).toEqual([]);
  });

  it('is released by release-please conventions at 1.0.0', () => {
    const config = JSON.parse(fileText('release-please-config.json')) as { packages: Record<string, { 'release-type': string }> };
    expect(config.packages['.']?.['release-type']).toBe('simple');
    expect(JSON.parse(fileText('.release-please-manifest.json'))).toEqual({ '.': '1.0.0' });
    const changelog = fileText('CHANGELOG.md');
    expect(changelog).toMatch(/^# Changelog\n\n## 1\.0\.0 \(2026-11-26\)\n\n### Features\n\n\* /);
  });
});

describe('the checks can fail', () => {
  it('actionlint reports planted errors in a workflow', async () => {
    const planted = [
      'on: push',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    timeout-minute: 5', // misspelt key
      '    steps:',
      '      - run: echo "${{ github.event.pull_request.title }}"', // script injection
      '      - run: echo "${{ inputs.missing }}"', // no inputs on push
      '      - uses: actions/checkout@v4',
      '        with:',
      '          fetch-dept: 1', // not an input of checkout
    ].join('\n');
    const findings = await lintWorkflows([{ path: '.github/workflows/planted.yml', text: planted }]);
    expect(findings.map((f) => [f.file, f.line, f.kind])).toEqual([
      ['.github/workflows/planted.yml', 5, 'syntax-check'],
      ['.github/workflows/planted.yml', 7, 'expression'],
      ['.github/workflows/planted.yml', 8, 'expression'],
      ['.github/workflows/planted.yml', 11, 'action'],
    ]);
  });

  it('inputs of own actions and of SHA-pinned actions are checked only in the checkable view', async () => {
    const caller = [
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2',
      '        with:',
      '          fetch-dept: 1',
      '      - uses: acme/workflows/actions/paved@v1',
      '        with:',
      '          comand: release pr',
      '      - uses: acme/workflows/actions/setup-node@v1',
    ].join('\n');
    expect(await lintWorkflows([{ path: '.github/workflows/caller.yml', text: caller }])).toEqual([]);
    const findings = (await lintProject(project({ 'caller.yml': caller }))).filter((f) => f.file.endsWith('caller.yml'));
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringContaining('input "fetch-dept" is not defined in action "actions/checkout@v4"'),
      expect.stringContaining('missing input "command" which is required by action "Run the paved CLI"'),
      expect.stringContaining('input "comand" is not defined'),
    ]);
  });

  it('a called reusable workflow is checked against its workflow_call interface', async () => {
    const caller = 'on: push\njobs:\n  deploy:\n    uses: acme/workflows/.github/workflows/deploy.yml@v1\n    with:\n      component: orders\n';
    const messages = (await lintProject(project({ 'caller.yml': caller }))).filter((f) => f.file.endsWith('caller.yml')).map((f) => f.message);
    expect(messages.join('\n')).toMatch(/input "environment" is required/);
    expect(messages.join('\n')).toMatch(/secret "FORGE_TOKEN" is required/);
  });

  it('the steps of an action are linted as a job: inputs and outputs of the actions they use', async () => {
    const action = [
      'name: planted',
      'description: planted',
      'runs:',
      '  using: composite',
      '  steps:',
      '    - id: node',
      '      uses: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020 # v4.4.0',
      '      with:',
      '        node-versio: "20"',
      '    - shell: bash',
      '      env:',
      '        HIT: ${{ steps.node.outputs.cache-hitt }}',
      '      run: echo "$HIT"',
    ].join('\n');
    const findings = await lintWorkflows([{ path: '.github/workflows/action-planted.yml', text: compositeAsWorkflow(checkableView(action)) }]);
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringContaining('input "node-versio" is not defined in action "actions/setup-node@v4"'),
      expect.stringContaining('property "cache-hitt" is not defined'),
    ]);
  });

  it('action metadata checks report planted problems', () => {
    const action = [
      'name: planted',
      'description: planted',
      'inputs:',
      '  who:',
      '    required: true', // no description
      'runs:',
      '  using: composite',
      '  steps:',
      '    - run: echo hi', // no shell
    ].join('\n');
    expect(checkActionMetadata(action)).toEqual(['inputs.who.description: Invalid input: expected string, received undefined', 'runs.steps.0.shell: a run step in a composite action needs shell']);
    const leaky = 'name: x\ndescription: x\nruns:\n  using: composite\n  steps:\n    - run: echo "${{ inputs.who }} ${{ steps.nope.outputs.x }}"\n      shell: bash\n';
    expect(checkActionMetadata(leaky)).toEqual([
      'inputs.who is used but not declared',
      'steps.nope is used but no step has that id',
      'runs.steps.0.run: interpolates ${{ }}; pass the value through env',
    ]);
  });

  it('the pin check rejects branches, bare majors and unlabelled SHAs', () => {
    const problem = (ref: string, comment?: string) => pinProblem({ line: 1, ref, comment }, ['paved']);
    expect(problem('actions/checkout@v4')).toBeDefined();
    expect(problem('actions/checkout@main')).toBeDefined();
    expect(problem('actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683')).toBeDefined();
    expect(problem('acme/workflows/actions/missing@v1')).toBeDefined();
    expect(problem('actions/checkout@v4.2.2')).toBeUndefined();
    expect(problem('actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683', 'v4.2.2')).toBeUndefined();
    expect(problem('acme/workflows/actions/paved@v1')).toBeUndefined();
  });
});
