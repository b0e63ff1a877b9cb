/**
 * A URL from text that may not be one (attributes, OP answers): the parsed
 * URL, or null. One place for the try/catch around `new URL()`.
 */
export function parseUrl(value: string, base?: string): URL | null {
  try {
    return new URL(value, base);
  } catch {
    return null;
  }
}
