import type { TreeEntry } from '../../git/tree.js';
import { decodeUtf8 } from '../text.js';

/**
 * A template's files as text, decoded only when read: copier.yml and the few files templates
 * `{% include %}` are needed as text, the hundreds of others never are. Binary files are absent.
 */
export class TemplateTexts implements ReadonlyMap<string, string> {
  private readonly raw = new Map<string, Buffer>();
  private readonly decoded = new Map<string, string | null>();

  constructor(files: TreeEntry[]) {
    for (const file of files) if (file.mode !== '120000' && file.mode !== '040000') this.raw.set(file.path, file.data);
  }

  get(path: string): string | undefined {
    let text = this.decoded.get(path);
    if (text === undefined) {
      const data = this.raw.get(path);
      if (!data) return undefined;
      text = decodeUtf8(data) ?? null;
      this.decoded.set(path, text);
    }
    return text ?? undefined;
  }

  has(path: string): boolean {
    return this.get(path) !== undefined;
  }

  get size(): number {
    return [...this.keys()].length;
  }

  *keys(): MapIterator<string> {
    for (const path of this.raw.keys()) if (this.get(path) !== undefined) yield path;
  }

  *entries(): MapIterator<[string, string]> {
    for (const path of this.keys()) yield [path, this.get(path)!];
  }

  *values(): MapIterator<string> {
    for (const [, text] of this.entries()) yield text;
  }

  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }

  forEach(callback: (value: string, key: string, map: ReadonlyMap<string, string>) => void): void {
    for (const [path, text] of this.entries()) callback(text, path, this);
  }
}
