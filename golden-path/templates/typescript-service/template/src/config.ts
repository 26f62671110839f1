/**
 * The service's settings, read once from the environment at start. A bad value stops the start
 * with a message naming the variable, instead of a service that half works.
 */
export interface Config {
  port: number;
  service: string;
  version: string;
  logLevel: LogLevel;
  /** How long a shutdown waits for requests in flight before it closes their connections. */
  shutdownTimeoutMs: number;
}

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name}=${raw}: expected a whole number from ${min} to ${max}`);
  }
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv, defaults: { service: string; version: string; port: number }): Config {
  const logLevel = (env.LOG_LEVEL ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL=${env.LOG_LEVEL}: expected one of ${LOG_LEVELS.join(', ')}`);
  return {
    port: integer(env, 'PORT', defaults.port, 0, 65535),
    service: env.SERVICE_NAME || defaults.service,
    version: env.SERVICE_VERSION || defaults.version,
    logLevel,
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 120_000),
  };
}
