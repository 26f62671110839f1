/**
 * release-please 17.9's `toConventionalChangelogFormat` and `postProcessCommits`
 * (build/src/commit.js) over the ported grammar: how a parsed message becomes header, subject,
 * notes (BREAKING CHANGE, RELEASE AS) and references, and how footers that look like commits
 * (`chore(x): …` in a footer) become extra commits. Kept line for line so the two stay comparable.
 */
import { parseMessage, type Node } from './grammar.js';

export interface Note {
  title: string;
  text: string;
}

export interface Reference {
  prefix: string;
  action: string;
  issue: string;
}

export interface ParsedCommit {
  body: string;
  subject: string;
  type: string;
  scope: string | null;
  notes: Note[];
  references: Reference[];
  header: string;
  footer: string | null;
}

type Branch = Extract<Node, { children: Node[] }>;
type Leaf = Extract<Node, { value: string }>;

/**
 * Pre-order walk, as unist-util-visit: the node itself, then its descendants. `ancestors` is one
 * shared stack, valid only during the call (visitors read their parent and grandparent).
 */
function visit(node: Node, types: readonly string[], visitor: (node: Leaf | Branch, ancestors: Branch[]) => void, ancestors: Branch[] = []): void {
  if (types.includes(node.type)) visitor(node, ancestors);
  if ('children' in node) {
    ancestors.push(node);
    for (const child of node.children) visit(child, types, visitor, ancestors);
    ancestors.pop();
  }
}

const valueOf = (node: Node): string => ('value' in node ? node.value : '');

function toChangelogFormat(ast: Node): ParsedCommit[] {
  const commits: ParsedCommit[] = [];
  const cc = blank();
  let body: Node | undefined;
  let summary: Node | undefined;
  visit(ast, ['body', 'summary'], (node) => {
    if (node.type === 'body') body = node;
    else summary = node;
  });
  if (summary) for (const node of (summary as Branch).children) applySummary(cc, node);
  if (body) visit(body, ['text', 'newline'], (node) => (cc.body += valueOf(node)));

  const breaking: Note = { title: 'BREAKING CHANGE', text: '' };
  visit(ast, ['breaking-change'], (node, ancestors) => {
    const parent = ancestors[ancestors.length - 1];
    if (!parent) return;
    if (parent.type === 'summary') breaking.text = cc.subject;
    else if (parent.type === 'body') {
      breaking.text = '';
      let hit = false;
      visit(parent, ['breaking-change', 'text', 'newline'], (inner) => {
        if (inner.type === 'breaking-change') hit = true;
        else if (hit) breaking.text += valueOf(inner);
      });
    } else if (parent.type === 'token') {
      if (!valueOf(node).includes('BREAKING')) return;
      const footer = ancestors[ancestors.length - 2]!;
      visit(footer, ['text', 'newline'], (inner) => (breaking.text = valueOf(inner)));
    }
  });
  if (breaking.text !== '') cc.notes.push(breaking);

  visit(ast, ['footer'], (footer) => {
    const reference: Reference = { prefix: '#', action: '', issue: '' };
    let hasRefSeparator = false;
    visit(footer, ['type', 'separator', 'text'], (node) => {
      const value = valueOf(node);
      if (node.type === 'type') reference.action = value;
      else if (node.type === 'separator') {
        if (value.includes('#')) hasRefSeparator = true;
      } else if (value.charAt(0) === '#') {
        hasRefSeparator = true;
        reference.issue = value.substring(1);
      } else reference.issue = value;
    });
    if (hasRefSeparator && /^[0-9]+$/.test(reference.issue)) cc.references.push(reference);
  });

  // Footers shaped like commits ("chore(x): y") become commits of their own, listed first.
  visit(ast, ['type'], (node, ancestors) => {
    if (ancestors[ancestors.length - 1]?.type !== 'token') return;
    const footer = ancestors[ancestors.length - 2]!;
    let footerText = '';
    visit(footer, ['type', 'scope', 'breaking-change', 'separator', 'text', 'newline'], (inner) => {
      const value = valueOf(inner);
      if (inner.type === 'scope') footerText += `(${value})`;
      else if (inner.type === 'separator') {
        if (!value.includes('#')) footerText += `${value} `;
      } else footerText += value;
    });
    if (valueOf(node).toLowerCase() === 'release-as') {
      let releaseAs = '';
      visit(footer, ['text'], (inner) => (releaseAs = valueOf(inner)));
      cc.notes.push({ title: 'RELEASE AS', text: releaseAs });
      // As the original: `.trimStart()` binds to the new line only, so footers are joined without one.
      cc.footer = (cc.footer ?? '') + `\n${footerText.toLowerCase()}`.trimStart();
    }
    try {
      commits.push(...toChangelogFormat(parseMessage(footerText)));
    } catch {
      // Not a commit-shaped footer.
    }
  });
  commits.push(cc);
  return commits;
}

function hasExtendedContext(line: string): boolean {
  return /^#### |^[*-] /.test(line);
}

function postProcess(commit: ParsedCommit): ParsedCommit {
  for (const note of commit.notes) {
    let text = '';
    let extended = false;
    let i = 0;
    for (const chunk of note.text.split(/\r?\n/)) {
      if (i > 0 && hasExtendedContext(chunk) && !extended) {
        text = `${text.trim()}\n`;
        extended = true;
      }
      if (chunk === '') break;
      text += extended ? `    ${chunk}\n` : `${chunk} `;
      i++;
    }
    note.text = text.trim();
  }
  const match = commit.body.match(/BREAKING-CHANGE:\s*(.*)/);
  if (match?.[1]) {
    const existing = commit.notes.find((note) => note.title === 'BREAKING CHANGE');
    if (existing) existing.text += `\n${match[1].trim()}`;
    else commit.notes.push({ title: 'BREAKING CHANGE', text: match[1].trim() });
  }
  return commit;
}

/**
 * A one-line message whose summary has the common shape, `type(scope)!: subject`, as the grammar
 * reads it: the type up to `(`, `!`, `:` or whitespace, a non-empty scope, an optional `!`, a
 * colon and the rest. Every other line (no colon, ` #`, an empty or unclosed scope, a
 * `BREAKING CHANGE` token after the scope) goes through the grammar.
 */
const SIMPLE_SUMMARY = /^([^() \t\n!:]+)(?:\(([^()\n]+)\))?(!?):[ \t]*(.*)$/;

/** One message (after splitting) into its commits; throws when the summary is not conventional. */
export function parseCommits(message: string): ParsedCommit[] {
  // Most messages are one line of the common shape: one regular expression reads its parts,
  // cheaper than the grammar's scanner in a process that has not warmed up (a plan parses each
  // message once), and fromSummary turns them into the result as for the grammar's summary.
  const line = message.trim();
  const simple = line.includes('\n') ? null : SIMPLE_SUMMARY.exec(line);
  if (simple) {
    const [, type = '', scope, bang, subject = ''] = simple;
    const parts: Node[] = [{ type: 'type', value: type }];
    if (scope !== undefined) parts.push({ type: 'scope', value: scope });
    if (bang) parts.push({ type: 'breaking-change', value: '!' });
    parts.push({ type: 'text', value: subject });
    return [fromSummary({ type: 'summary', children: parts })];
  }
  const ast = parseMessage(message);
  // Most messages are one line: their result follows from the summary alone.
  return ast.type === 'message' && ast.children.length === 1 ? [fromSummary(ast.children[0]!)] : toChangelogFormat(ast).map(postProcess);
}

const blank = (): ParsedCommit => ({ body: '', subject: '', type: '', scope: null, notes: [], references: [], header: '', footer: null });

/** A summary's part into header, type, scope and subject; true for the breaking-change mark. */
function applySummary(cc: ParsedCommit, node: Node): boolean {
  const value = valueOf(node);
  if (node.type === 'type') {
    cc.type = value;
    cc.header += value;
  } else if (node.type === 'scope') {
    cc.scope = value;
    cc.header += `(${value})`;
  } else if (node.type === 'breaking-change') {
    cc.header += '!';
    return true;
  } else if (node.type === 'text') {
    cc.subject = value;
    cc.header += `: ${value}`;
  }
  return false;
}

/** The result for a summary-only message, as toChangelogFormat and postProcess would give it. */
function fromSummary(summary: Node): ParsedCommit {
  const cc = blank();
  let breaking = false;
  for (const node of (summary as Branch).children) breaking = applySummary(cc, node) || breaking;
  // The message was trimmed and is one line, so the note's clean-up is a trim.
  if (breaking && cc.subject !== '') cc.notes.push({ title: 'BREAKING CHANGE', text: cc.subject.trim() });
  return cc;
}
