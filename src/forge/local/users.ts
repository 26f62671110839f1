/**
 * Users, tokens and who may do what on the local forge. A token is shown once when issued and
 * only its SHA-256 is stored. Rights: an admin may do everything; a member of an organisation
 * may write to its repositories; a user owns the repositories under their own login.
 */
import { createHash, randomBytes } from 'node:crypto';
import { NotFoundError, PermissionError } from '../../errors.js';
import { now, type Store, type StoreDb, type StoreTx } from '../../store/index.js';

export interface LocalUser {
  login: string;
  name: string;
  email: string;
  admin: boolean;
}

const TOKEN_PREFIX = 'pvd_';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function upsertUser(tx: StoreTx, user: LocalUser): Promise<void> {
  await tx
    .insertInto('users')
    .values({ login: user.login, name: user.name, email: user.email, admin: user.admin ? 1 : 0, createdAt: now() })
    .onConflict((oc) => oc.column('login').doUpdateSet({ name: user.name, email: user.email, admin: user.admin ? 1 : 0 }))
    .execute();
}

export async function getUser(db: StoreDb | StoreTx, login: string): Promise<LocalUser | undefined> {
  const row = await db.selectFrom('users').selectAll().where('login', '=', login).executeTakeFirst();
  return row ? { login: row.login, name: row.name, email: row.email, admin: row.admin === 1 } : undefined;
}

/** Issues a new token for `login`; the returned string is the only copy. */
export async function issueToken(store: Store, login: string, description: string): Promise<string> {
  const token = `${TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`;
  await store.write(async (tx) => {
    if (!(await getUser(tx, login))) throw new NotFoundError(`no user '${login}'; add it under users in paved.yaml`, { login });
    await tx.insertInto('tokens').values({ id: randomBytes(8).toString('hex'), login, hash: hashToken(token), description, createdAt: now() }).execute();
  });
  return token;
}

/** The user a token belongs to, or undefined for an unknown token. */
export async function authenticate(db: StoreDb, token: string): Promise<LocalUser | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const row = await db.selectFrom('tokens').select('login').where('hash', '=', hashToken(token)).executeTakeFirst();
  return row ? getUser(db, row.login) : undefined;
}

export async function mayWrite(db: StoreDb | StoreTx, login: string, owner: string): Promise<boolean> {
  if (login === owner) return true;
  const user = await getUser(db, login);
  if (!user) return false;
  if (user.admin) return true;
  const member = await db.selectFrom('memberships').select('login').where('owner', '=', owner).where('login', '=', login).executeTakeFirst();
  return member !== undefined;
}

/** A forge admin, or an admin of the organisation `owner`. */
export async function isOrgAdmin(db: StoreDb | StoreTx, login: string, owner: string): Promise<boolean> {
  const user = await getUser(db, login);
  if (user?.admin) return true;
  const membership = await db.selectFrom('memberships').select('role').where('owner', '=', owner).where('login', '=', login).executeTakeFirst();
  return membership?.role === 'admin';
}

export async function assertMayWrite(db: StoreDb | StoreTx, login: string, owner: string): Promise<void> {
  if (!(await mayWrite(db, login, owner))) {
    throw new PermissionError(`${login} may not change repositories of ${owner}; ask an admin to add ${login} to ${owner} (teams in paved.yaml)`, { login, owner });
  }
}
