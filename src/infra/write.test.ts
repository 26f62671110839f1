import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/fixtures.js';
import { INFRA_HEADER } from './root-module.js';
import { planInfraWrite, writeInfra } from './write.js';

const file = (p: string, body = 'locals {}\n') => ({ path: p, content: `${INFRA_HEADER}\n${body}` });

describe('writing a render into a folder', () => {
  it('writes what changed, and deletes only the files an earlier render wrote', async () => {
    const dir = tempDir();
    const first = [file('terraform/a/eu-west-1/main.tf'), file('terraform/a/us-east-1/main.tf'), file('argocd/clusters/x.yaml', 'kind: Secret\n')];
    await writeInfra(dir, first, planInfraWrite(dir, first));
    mkdirSync(path.join(dir, 'argocd/clusters'), { recursive: true });
    writeFileSync(path.join(dir, 'argocd/clusters/by-hand.yaml'), 'kind: Secret\n');
    writeFileSync(path.join(dir, 'terraform/a/us-east-1/imports.tf'), 'import {}\n');

    const second = [file('terraform/a/eu-west-1/main.tf', 'locals { a = 1 }\n')];
    const plan = planInfraWrite(dir, second);
    expect(plan).toEqual({ create: [], update: ['terraform/a/eu-west-1/main.tf'], unchanged: [], delete: ['argocd/clusters/x.yaml', 'terraform/a/us-east-1/main.tf'] });
    await writeInfra(dir, second, plan);
    expect(readFileSync(path.join(dir, 'terraform/a/eu-west-1/main.tf'), 'utf8')).toContain('a = 1');
    expect(readFileSync(path.join(dir, 'argocd/clusters/by-hand.yaml'), 'utf8')).toBe('kind: Secret\n');
    expect(readFileSync(path.join(dir, 'terraform/a/us-east-1/imports.tf'), 'utf8')).toBe('import {}\n');
    expect(planInfraWrite(dir, second)).toMatchObject({ create: [], update: [], delete: [], unchanged: ['terraform/a/eu-west-1/main.tf'] });
  });
});
