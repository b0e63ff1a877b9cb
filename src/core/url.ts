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

/** An absolute `http(s):` URL from the OP, fit for a link the user may follow; null for anything else (`javascript:`, `data:`, relative). */
export function webUrl(value: string | null | undefined): string | null {
  const url = value ? parseUrl(value) : null;
  return url && (url.protocol === 'https:' || url.protocol === 'http:') ? url.href : null;
}
