/** The server's small HTTP helpers: JSON in and out, errors as statuses, in one place. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { InputError, isPavedError, type ErrorCode } from '../errors.js';

export const STATUS: Record<ErrorCode, number> = {
  input: 400,
  unauthenticated: 401,
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
    // RFC 9110: a 401 names the scheme the client should answer with.
    if (error.code === 'unauthenticated') res.setHeader('WWW-Authenticate', 'Bearer realm="Paved"');
    sendJson(res, STATUS[error.code], { error: { code: error.code, message: error.message, details: error.details } });
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  sendJson(res, 500, { error: { code: 'internal', message: `internal error: ${message}; this is a bug in Paved, please report it` } });
}

/** The body as JSON; an empty body is `{}` so that routes whose fields are all optional take none. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new InputError(`request body larger than ${MAX_BODY} bytes`, {});
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new InputError('the request body is not JSON; send a JSON object with "Content-Type: application/json"', {});
  }
}
