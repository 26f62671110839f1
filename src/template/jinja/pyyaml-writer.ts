/** PyYAML's low-level emitter writes: indicators, indentation and the three scalar styles. */

const BREAKS = '\n\x85\u2028\u2029';
const ESCAPES: Record<string, string> = {
  '\0': '0', '\x07': 'a', '\x08': 'b', '\t': 't', '\n': 'n', '\x0b': 'v', '\x0c': 'f', '\r': 'r', '\x1b': 'e',
  '"': '"', '\\': '\\', '\x85': 'N', '\xa0': '_', '\u2028': 'L', '\u2029': 'P',
};

export class YamlWriter {
  out = '';
  column = 0;
  whitespace = true;
  indention = true;
  openEnded = false;
  indent: number | null = null;
  indents: Array<number | null> = [];
  flowLevel = 0;
  readonly bestIndent: number;
  readonly bestWidth: number;

  constructor(
    indent: number,
    width: number,
    readonly allowUnicode: boolean,
  ) {
    this.bestIndent = indent > 1 && indent < 10 ? indent : 2;
    this.bestWidth = width > this.bestIndent * 2 ? width : 80;
  }

  increaseIndent(flow: boolean, indentless = false): void {
    this.indents.push(this.indent);
    if (this.indent === null) this.indent = flow ? this.bestIndent : 0;
    else if (!indentless) this.indent += this.bestIndent;
  }

  private write(data: string): void {
    this.column += Array.from(data).length;
    this.out += data;
  }

  writeIndicator(indicator: string, needWhitespace: boolean, whitespace = false, indention = false): void {
    const data = this.whitespace || !needWhitespace ? indicator : ` ${indicator}`;
    this.whitespace = whitespace;
    this.indention = this.indention && indention;
    this.openEnded = false;
    this.write(data);
  }

  writeIndent(): void {
    const indent = this.indent ?? 0;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.writeLineBreak();
    if (this.column < indent) {
      this.whitespace = true;
      this.write(' '.repeat(indent - this.column));
    }
  }

  writeLineBreak(data = '\n'): void {
    this.whitespace = true;
    this.indention = true;
    this.out += data;
    this.column = 0;
  }

  private writeBreaks(text: string[], start: number, end: number): void {
    if (text[start] === '\n') this.writeLineBreak();
    for (const br of text.slice(start, end)) this.writeLineBreak(br);
    this.writeIndent();
  }

  writePlain(value: string, split: boolean, root: boolean): void {
    if (root) this.openEnded = true;
    if (!value) return;
    if (!this.whitespace) this.write(' ');
    this.whitespace = this.indention = false;
    const text = Array.from(value);
    let spaces = false;
    let breaks = false;
    let start = 0;
    for (let end = 0; end <= text.length; end++) {
      const ch = text[end];
      if (spaces) {
        if (ch !== ' ') {
          if (start + 1 === end && this.column > this.bestWidth && split) {
            this.writeIndent();
            this.whitespace = this.indention = false;
          } else this.write(text.slice(start, end).join(''));
          start = end;
        }
      } else if (breaks) {
        if (ch === undefined || !BREAKS.includes(ch)) {
          this.writeBreaks(text, start, end);
          this.whitespace = this.indention = false;
          start = end;
        }
      } else if (ch === undefined || ` ${BREAKS}`.includes(ch)) {
        this.write(text.slice(start, end).join(''));
        start = end;
      }
      if (ch !== undefined) {
        spaces = ch === ' ';
        breaks = BREAKS.includes(ch);
      }
    }
  }

  writeSingleQuoted(value: string, split: boolean): void {
    this.writeIndicator("'", true);
    const text = Array.from(value);
    let spaces = false;
    let breaks = false;
    let start = 0;
    for (let end = 0; end <= text.length; end++) {
      const ch = text[end];
      if (spaces) {
        if (ch === undefined || ch !== ' ') {
          if (start + 1 === end && this.column > this.bestWidth && split && start !== 0 && end !== text.length) this.writeIndent();
          else this.write(text.slice(start, end).join(''));
          start = end;
        }
      } else if (breaks) {
        if (ch === undefined || !BREAKS.includes(ch)) {
          this.writeBreaks(text, start, end);
          start = end;
        }
      } else if (ch === undefined || ` ${BREAKS}'`.includes(ch)) {
        if (start < end) {
          this.write(text.slice(start, end).join(''));
          start = end;
        }
      }
      if (ch === "'") {
        this.write("''");
        start = end + 1;
      }
      if (ch !== undefined) {
        spaces = ch === ' ';
        breaks = BREAKS.includes(ch);
      }
    }
    this.writeIndicator("'", false);
  }

  writeDoubleQuoted(value: string, split: boolean): void {
    this.writeIndicator('"', true);
    const text = Array.from(value);
    let start = 0;
    for (let end = 0; end <= text.length; end++) {
      const ch = text[end];
      const cp = ch?.codePointAt(0) ?? 0;
      const printable = (cp >= 0x20 && cp <= 0x7e) || (this.allowUnicode && ((cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd)));
      if (ch === undefined || '"\\\x85\u2028\u2029\ufeff'.includes(ch) || !printable) {
        if (start < end) {
          this.write(text.slice(start, end).join(''));
          start = end;
        }
        if (ch !== undefined) {
          const esc = ESCAPES[ch];
          const hex = cp.toString(16).toUpperCase();
          this.write(esc ? `\\${esc}` : cp <= 0xff ? `\\x${hex.padStart(2, '0')}` : cp <= 0xffff ? `\\u${hex.padStart(4, '0')}` : `\\U${hex.padStart(8, '0')}`);
          start = end + 1;
        }
      }
      if (end > 0 && end < text.length - 1 && (ch === ' ' || start >= end) && this.column + (end - start) > this.bestWidth && split) {
        const data = `${text.slice(start, end).join('')}\\`;
        if (start < end) start = end;
        this.write(data);
        this.writeIndent();
        this.whitespace = this.indention = false;
        if (text[start] === ' ') this.write('\\');
      }
    }
    this.writeIndicator('"', false);
  }
}

