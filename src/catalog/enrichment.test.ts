import { describe, expect, it } from 'vitest';
import type { Release } from '../forge/types.js';
import { isAnswersFile, latestRelease, nearestAnswersFile, templateFromAnswers, templateName } from './enrichment.js';

const release = (tag: string, createdAt: string, prerelease = false): Release => ({ tag, name: tag, body: '', prerelease, url: `https://forge/r/${tag}`, createdAt });

describe('component enrichment', () => {
  it('reads the template and its version from a Copier answers file, keeping commit ids as written', () => {
    const text = '# Changes here will be overwritten by Copier\n_commit: v1.4.0-3-g1a2b3c4\n_src_path: https://forge.example/acme/node-service.git\nname: orders\n';
    expect(templateFromAnswers(text, '.copier-answers.yml')).toEqual({
      name: 'node-service',
      src: 'https://forge.example/acme/node-service.git',
      commit: 'v1.4.0-3-g1a2b3c4',
      version: '1.4.0.post3.dev0+g1a2b3c4',
      answersFile: '.copier-answers.yml',
    });
    expect(templateFromAnswers('_commit: 0583121\n_src_path: gh:acme/py\n', 'a.yml', 'python-service')).toMatchObject({ name: 'python-service', commit: '0583121' });
    expect(templateFromAnswers('_commit: 0583121\n_src_path: gh:acme/py\n', 'a.yml')?.version).toBeUndefined();
    expect(templateFromAnswers('name: x\n', 'a.yml')).toBeUndefined();
    expect(() => templateFromAnswers('_src_path: [x\n', 'svc/.copier-answers.yml')).toThrow(/^svc\/\.copier-answers\.yml: not valid YAML/);
  });

  it('names a template after the last part of its source', () => {
    expect(templateName('gh:acme/node-service')).toBe('node-service');
    expect(templateName('/srv/templates/node-service/')).toBe('node-service');
    expect(templateName('http://127.0.0.1:7070/acme/python-lib.git')).toBe('python-lib');
  });

  it('finds the answers file nearest a catalog file, preferring the default name in a folder', () => {
    const files = ['.copier-answers.yml', 'services/orders/.copier-answers.docs.yml', 'services/orders/.copier-answers.yml', 'services/search/.copier-answers.yaml'];
    expect(files.every(isAnswersFile)).toBe(true);
    expect(isAnswersFile('services/copier-answers.yml')).toBe(false);
    expect(nearestAnswersFile('services/orders/catalog-info.yaml', files)).toBe('services/orders/.copier-answers.yml');
    expect(nearestAnswersFile('services/search/api/catalog-info.yaml', files)).toBe('services/search/.copier-answers.yaml');
    expect(nearestAnswersFile('libs/x/catalog-info.yaml', files)).toBe('.copier-answers.yml');
    expect(nearestAnswersFile('catalog-info.yaml', files.slice(1))).toBeUndefined();
  });

  it('picks the newest stable release, the component’s own tags first in a monorepo', () => {
    const releases = [release('v1.0.0', '2024-01-01'), release('v1.1.0', '2024-02-01'), release('v2.0.0-rc.1', '2024-03-01', true), release('orders-v0.3.0', '2024-01-15'), release('search@2.0.0', '2024-01-20')];
    expect(latestRelease(releases, 'app')?.tag).toBe('v1.1.0');
    expect(latestRelease(releases, 'orders')).toEqual({ tag: 'orders-v0.3.0', name: 'orders-v0.3.0', url: 'https://forge/r/orders-v0.3.0', createdAt: '2024-01-15' });
    expect(latestRelease(releases, 'search')?.tag).toBe('search@2.0.0');
    expect(latestRelease([release('v1.0.0-rc.1', '2024-01-01', true)], 'app')).toBeUndefined();
  });
});
