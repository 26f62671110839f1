/** The server's small HTTP helpers: JSON in and out, errors as statuses, in one place. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { InputError, isPavedError, type ErrorCode } from '../errors.js';

const STATUS: Record<ErrorCode, number> = {
  input: 400,
  permission: 403,
  'not-found': 404,
  conflict: 409,
  unsafe: 422,
  template: 422,
  external: 502,
  git: 502,
};

const MAX_BODY = 1024 * 1024;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(`${JSON.stringify(body)}\n`);
}

export function sendError(res: ServerResponse, error: unknown): void {
  if (isPavedError(error)) {
    sendJson(res, STATUS[error.code], { error: { code: error.code, message: error.message, details: error.details } });
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  sendJson(res, 500, { error: { code: 'internal', message: `internal error: ${message}; this is a bug in Paved, please report it` } });
}

export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new InputError(`request body larger than ${MAX_BODY} bytes`, {});
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new InputError('the request body must be a JSON object', {});
}

export function str(body: Record<string, unknown>, key: string, required: true): string;
export function str(body: Record<string, unknown>, key: string, required?: false): string | undefined;
export function str(body: Record<string, unknown>, key: string, required = false): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) {
    if (required) throw new InputError(`'${key}' is required`, { field: key });
    return undefined;
  }
  if (typeof value !== 'string') throw new InputError(`'${key}' must be a string`, { field: key });
  return value;
}

export function strings(body: Record<string, unknown>, key: string): string[] | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new InputError(`'${key}' must be a list of strings`, { field: key });
  return value as string[];
}
