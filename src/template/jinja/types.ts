/**
 * The contract between the template engine and its Jinja implementation. Everything Copier-
 * specific about rendering (filters, `{% yield %}` in paths, envops, the sandbox) lives behind it.
 */
export type JinjaContext = Record<string, unknown>;

export interface JinjaEnvOptions {
  /** Copier's `_envops` (keep_trailing_newline, trim_blocks, lstrip_blocks, autoescape, delimiters…). */
  envops?: Record<string, unknown>;
  /** Copier's `_jinja_extensions`; unsupported ones raise a TemplateError naming them. */
  extensions?: string[];
  /**
   * Files of the template (relative POSIX paths → source text) that `{% include %}`,
   * `{% import %}` and `{% extends %}` may load, as Copier's FileSystemLoader allows.
   */
  loaderFiles?: ReadonlyMap<string, string>;
}

export interface JinjaRenderer {
  /** Renders template source; `name` is used in error messages (file path, or `copier.yml: question.default`). */
  render(source: string, context: JinjaContext, name?: string): string;
  /**
   * Renders one path segment or a whole relative path. When the source holds
   * `{% yield VAR from EXPR %}…{% endyield %}`, returns one entry per item with the
   * extra variable bound; otherwise one entry.
   */
  renderPath(source: string, context: JinjaContext, name?: string): Array<{ path: string; extra: JinjaContext }>;
  /** Evaluates a Jinja expression (e.g. a `when:` string without braces is not needed by Copier, but tasks use it). */
  evalExpr(expression: string, context: JinjaContext): unknown;
}
