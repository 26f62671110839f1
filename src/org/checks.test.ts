import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checksFromWorkflow, nodeCiJobName } from './checks.js';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

describe('required checks from a repository CI workflow', () => {
  it('names the golden path reusable job as GitHub reports it, from the shipped files', () => {
    const reusable = parse(read('golden-path/workflows/.github/workflows/node-ci.yml')) as { jobs: Record<string, { name: string }> };
    expect(Object.values(reusable.jobs).map((j) => j.name)).toEqual([nodeCiJobName('${{ inputs.working-directory }}')]);
    // The typescript-service template's ci.yml as a rendered repository holds it.
    const template = read('golden-path/templates/typescript-service/template/{% if not subproject_path %}.github{% endif %}/workflows/ci.yml.jinja')
      .replace(/\{% raw %\}|\{% endraw %\}/g, '')
      .replace('{{ organisation }}', 'acme')
      .replace('{{ node_version }}', '20');
    expect(checksFromWorkflow(template)).toEqual(['node / lint, test, build (.)']);
  });

  it('reads plain jobs, named jobs and working directories, and leaves out what it cannot know', () => {
    const workflow = `name: ci
on: [push, pull_request]
jobs:
  test: { runs-on: ubuntu-latest, steps: [] }
  lint: { name: Lint, runs-on: ubuntu-latest, steps: [] }
  api:
    uses: acme/workflows/.github/workflows/node-ci.yml@v1
    with: { working-directory: services/api }
  matrix: { runs-on: ubuntu-latest, strategy: { matrix: { node: [20, 22] } }, steps: [] }
  other: { uses: acme/workflows/.github/workflows/container.yml@v1 }
  dynamic: { name: "build \${{ github.ref }}", runs-on: ubuntu-latest, steps: [] }
`;
    expect(checksFromWorkflow(workflow)).toEqual(['test', 'Lint', 'api / lint, test, build (services/api)']);
    expect(checksFromWorkflow('on: { push: { branches: [main] } }\njobs: { test: { runs-on: x } }\n')).toEqual([]);
    expect(checksFromWorkflow(': not yaml [')).toEqual([]);
  });
});
