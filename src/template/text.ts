const decoder = new TextDecoder('utf-8', { fatal: true });

/** The file as text, or undefined when it is not UTF-8 (binary files are copied, never rendered). */
export function decodeUtf8(data: Uint8Array): string | undefined {
  try {
    return decoder.decode(data);
  } catch {
    return undefined;
  }
}
