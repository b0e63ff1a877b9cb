/**
 * custom-elements.json as the rest of the tooling reads it: the analyzer run in memory with the project's config
 * (custom-elements-manifest.config.mjs), and the few fields of the schema we use.
 */
import { cli } from '@custom-elements-manifest/analyzer/cli.js';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..');

export interface Documented {
  name: string;
  summary?: string;
  description?: string;
  type?: { text: string };
}
export interface ManifestAttribute extends Documented {
  fieldName?: string;
}
export interface ManifestMember extends Documented {
  kind: 'field' | 'method';
  privacy?: 'public' | 'private' | 'protected';
  static?: boolean;
  /** The lit plugin's: the attribute of a reactive property, and whether it reflects. */
  attribute?: string;
  reflects?: boolean;
}
export interface ManifestElement extends Documented {
  kind: string;
  tagName?: string;
  customElement?: boolean;
  attributes?: ManifestAttribute[];
  members?: ManifestMember[];
  events?: Documented[];
  slots?: Documented[];
  cssParts?: Documented[];
  cssProperties?: Documented[];
}
export interface Manifest {
  schemaVersion: string;
  modules: { kind: string; path: string; declarations?: ManifestElement[] }[];
}

/** The manifest `cem analyze` writes, without writing it. */
export async function analyze(): Promise<Manifest> {
  return (await cli({ argv: ['analyze', '--quiet'], cwd: root, noWrite: true })) as Manifest;
}

/** The declarations with a tag: the elements. */
export function elementsOf(manifest: Manifest): ManifestElement[] {
  return manifest.modules.flatMap((module) => module.declarations ?? []).filter((d) => d.customElement && d.tagName);
}

/** Public members: what a page may use (the analyzer keeps private and protected ones too, marked). */
export function publicMembers(element: ManifestElement): ManifestMember[] {
  return (element.members ?? []).filter((m) => (!m.privacy || m.privacy === 'public') && !m.static);
}

/** `'a' | 'b'` → ['a', 'b']; null unless the type is a union of string literals only. */
export function literalValues(type: string | undefined): string[] | null {
  const members = type?.split('|').map((t) => t.trim());
  if (!members?.length || !members.every((t) => /^(['"]).*\1$/.test(t))) return null;
  return members.map((t) => t.slice(1, -1));
}
