/**
 * The password blocklist (data/common-passwords.txt, see data/README.md),
 * read once when the OP starts: the shared policy takes it as an argument.
 */
import { readFileSync } from 'node:fs';

export function loadCommonPasswords(): ReadonlySet<string> {
  const text = readFileSync(new URL('./data/common-passwords.txt', import.meta.url), 'utf8');
  return new Set(text.split('\n').filter(Boolean));
}
