/**
 * The error families every engine throws. Each has a stable `code` that scripts can match on
 * and a message that tells the user what to do. The CLI maps them to exit codes in one place
 * (src/cli/exit.ts); the server maps them to HTTP statuses in one place (src/server/http.ts).
 */
export type ErrorCode =
  | 'input'
  | 'not-found'
  | 'conflict'
  | 'unsafe'
  | 'template'
  | 'external'
  | 'permission'
  | 'unauthenticated'
  | 'git';

export abstract class PavedError extends Error {
  abstract readonly code: ErrorCode;
  /** Extra machine-readable facts for `--json` output (file, question, path, …). */
  readonly details: Record<string, unknown>;

  constructor(message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.details = details;
  }
}

/** The user gave something invalid: a flag, an answer, a path. */
export class InputError extends PavedError {
  readonly code = 'input' as const;
}

/** Something named does not exist: a template, a version, a project, a file. */
export class NotFoundError extends PavedError {
  readonly code = 'not-found' as const;
}

/** The operation would overwrite or lose something: existing files, a dirty work tree. */
export class ConflictError extends PavedError {
  readonly code = 'conflict' as const;
}

/** A template asks for something that runs code on the host, and the user did not trust it. */
export class UnsafeTemplateError extends PavedError {
  readonly code = 'unsafe' as const;
}

/** A template is broken: invalid copier.yml, a Jinja syntax error, a path that escapes. */
export class TemplateError extends PavedError {
  readonly code = 'template' as const;
}

/** A service or tool outside Paved failed (git, a task command, a forge API). */
export class ExternalServiceError extends PavedError {
  readonly code = 'external' as const;
}

/** Who is asking may not do this: not enough rights, or a credential another service refused. */
export class PermissionError extends PavedError {
  readonly code = 'permission' as const;
}

/**
 * Paved cannot tell who is asking: no credential where one is needed, or one it does not know.
 * Apart from PermissionError so a client knows to (re)authenticate rather than ask for rights.
 */
export class AuthenticationError extends PavedError {
  readonly code = 'unauthenticated' as const;
}

export function isPavedError(error: unknown): error is PavedError {
  return error instanceof PavedError;
}
