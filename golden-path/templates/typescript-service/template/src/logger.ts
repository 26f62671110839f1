/**
 * Structured logs: one JSON object per line on stdout, which the cluster's log agent ships and
 * NewRelic parses without a custom parser. Fields given to a child logger repeat on every line.
 */
import { LOG_LEVELS, type LogLevel } from './config.js';

export type Fields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
  child(fields: Fields): Logger;
}

export type Sink = (line: string) => void;

const stdout: Sink = (line) => process.stdout.write(`${line}\n`);

function errorFields(value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
}

export function createLogger(level: LogLevel, base: Fields = {}, sink: Sink = stdout): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  const write = (at: LogLevel, msg: string, fields: Fields = {}) => {
    if (LOG_LEVELS.indexOf(at) < threshold) return;
    const entry: Fields = { time: new Date().toISOString(), level: at, msg, ...base };
    for (const [key, value] of Object.entries(fields)) entry[key] = errorFields(value);
    sink(JSON.stringify(entry));
  };
  return {
    debug: (msg, fields) => write('debug', msg, fields),
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
    child: (fields) => createLogger(level, { ...base, ...fields }, sink),
  };
}
