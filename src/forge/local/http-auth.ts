/**
 * Who is calling: a token as `Authorization: Bearer <token>`, or as the password of Basic
 * credentials (what git sends). An unknown token is refused, never treated as anonymous.
 */
import type { IncomingMessage } from 'node:http';
import type { StoreDb } from '../../store/index.js';
import { authenticate, type LocalUser } from './users.js';

export type Caller = { kind: 'user'; user: LocalUser; token: string } | { kind: 'anonymous' } | { kind: 'invalid' };

export function tokenOf(req: IncomingMessage): string | undefined | null {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const [scheme, value = ''] = header.split(/\s+/, 2);
  if (/^bearer$/i.test(scheme ?? '') || /^token$/i.test(scheme ?? '')) return value;
  if (/^basic$/i.test(scheme ?? '')) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) : null;
  }
  return null;
}

export async function identify(db: StoreDb, req: IncomingMessage): Promise<Caller> {
  const token = tokenOf(req);
  if (token === undefined) return { kind: 'anonymous' };
  if (!token) return { kind: 'invalid' };
  const user = await authenticate(db, token);
  return user ? { kind: 'user', user, token } : { kind: 'invalid' };
}
