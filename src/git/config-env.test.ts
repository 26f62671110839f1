import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { gitConfigEnv } from './config-env.js';

/** What real git reads for `key` with `env` (and nothing from the user's or system's files). */
function gitSees(env: Record<string, string | undefined>, key: string): string[] {
  const out = execFileSync('git', ['config', '--get-all', key], { env: { PATH: process.env.PATH, HOME: '/nonexistent', GIT_CONFIG_NOSYSTEM: '1', ...env }, encoding: 'utf8' });
  return out.split('\n').filter(Boolean);
}

describe('gitConfigEnv', () => {
  it('adds a setting git reads, with no entries there before', () => {
    const env = gitConfigEnv('http.extraHeader', 'Authorization: Basic abc', {});
    expect(env).toEqual({ GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.extraHeader', GIT_CONFIG_VALUE_0: 'Authorization: Basic abc' });
    expect(gitSees(env, 'http.extraHeader')).toEqual(['Authorization: Basic abc']);
  });

  it('keeps the entries the environment already has (a CI container’s safe.directory) and adds after them', () => {
    const base = { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'safe.directory', GIT_CONFIG_VALUE_0: '*' };
    const first = { ...base, ...gitConfigEnv('http.https://github.com/.extraHeader', 'Authorization: Basic t', base) };
    const both = { ...first, ...gitConfigEnv('http.extraHeader', 'Authorization: Basic p', first) };
    expect(gitSees(both, 'safe.directory')).toEqual(['*']);
    expect(gitSees(both, 'http.https://github.com/.extraHeader')).toEqual(['Authorization: Basic t']);
    expect(gitSees(both, 'http.extraHeader')).toEqual(['Authorization: Basic p']);
  });

  it('starts at 0 when the count is not a number git would accept', () => {
    expect(gitConfigEnv('a.b', 'c', { GIT_CONFIG_COUNT: 'x' }).GIT_CONFIG_KEY_0).toBe('a.b');
    expect(gitConfigEnv('a.b', 'c', { GIT_CONFIG_COUNT: '-2' }).GIT_CONFIG_COUNT).toBe('1');
  });
});

describe('authHeaderEnv (a forge push’s credentials)', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('sends the header without replacing a setting the environment of the process carries', async () => {
    const { authHeaderEnv } = await import('../forge/push.js');
    vi.stubEnv('GIT_CONFIG_COUNT', '1');
    vi.stubEnv('GIT_CONFIG_KEY_0', 'safe.directory');
    vi.stubEnv('GIT_CONFIG_VALUE_0', '*');
    const env = { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'safe.directory', GIT_CONFIG_VALUE_0: '*', ...authHeaderEnv('Basic abc') };
    expect(gitSees(env, 'safe.directory')).toEqual(['*']);
    expect(gitSees(env, 'http.extraHeader')).toEqual(['Authorization: Basic abc']);
  });
});
