/** An in-memory `TemplateFiles`, for tests and for templates already read into memory. */
import type { TemplateFiles } from './types.ts';

export function memoryFiles(files: Record<string, string>): TemplateFiles {
  return {
    read: (path) => files[path],
    list: () => Object.keys(files),
  };
}
