let nextId = 0;

/** Ids unique per document, so several forms on a page never share `for`/`aria-describedby` targets. */
export function fieldId(name: string): string {
  return `ciam-${name}-${++nextId}`;
}
