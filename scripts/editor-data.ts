/**
 * Editor data from custom-elements.json, so editors complete our tags, attributes and their values:
 *   vscode.html-custom-data.json  VS Code's HTML custom data (version 1.1), named in a project's `html.customData`
 *   web-types.json                JetBrains web-types (package.json `web-types`), found by the IDE in node_modules
 * `npm run build` runs it after `cem analyze`: `tsx scripts/editor-data.ts [outdir]` (default: the package root).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { elementsOf, literalValues, publicMembers, root, type Documented, type Manifest, type ManifestElement } from './manifest.js';

interface PackageInfo {
  name: string;
  version: string;
  homepage?: string;
}

const text = (item: Documented) => [item.summary, item.description].filter((s) => s?.trim()).join('\n\n');
/** The values an attribute offers: its literal type's, less '' (unset is no value to pick). */
const valuesOf = (type: string | undefined) => literalValues(type)?.filter(Boolean) ?? null;
const isBoolean = (type: string | undefined) => type?.trim() === 'boolean';

export function vscodeData(manifest: Manifest, pkg: PackageInfo) {
  return {
    version: 1.1,
    tags: elementsOf(manifest).map((element) => ({
      name: element.tagName!,
      description: { kind: 'markdown', value: elementText(element) },
      attributes: (element.attributes ?? []).map((attribute) => {
        const values = valuesOf(attribute.type?.text);
        return {
          name: attribute.name,
          description: { kind: 'markdown', value: attribute.description ?? '' },
          ...(values ? { values: values.map((name) => ({ name })) } : {}),
          ...(isBoolean(attribute.type?.text) ? { valueSet: 'v' } : {}),
        };
      }),
      ...(pkg.homepage ? { references: [{ name: pkg.name, url: pkg.homepage }] } : {}),
    })),
  };
}

/** The tag's text with its events, slots, parts and custom properties listed: VS Code shows only the description for those. */
function elementText(element: ManifestElement): string {
  const list = (title: string, items: Documented[] = []) =>
    items.length ? `\n\n**${title}:** ${items.map((item) => `\`${item.name === '' ? '(default)' : item.name}\``).join(', ')}` : '';
  return (
    text(element) +
    list('Events', element.events) +
    list('Slots', element.slots) +
    list('Parts', element.cssParts) +
    list('CSS custom properties', element.cssProperties)
  );
}

/** `social-<id>` is any name that starts `social-`. */
function named(item: Documented): { name: string; description: string; pattern?: string } {
  const pattern = /<[^>]+>/.test(item.name) ? { pattern: `^${item.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/<[^>]+>/g, '.+')}$` } : {};
  return { name: item.name, description: item.description ?? '', ...pattern };
}

export function webTypes(manifest: Manifest, pkg: PackageInfo) {
  return {
    $schema: 'https://json.schemastore.org/web-types',
    name: pkg.name,
    version: pkg.version,
    'description-markup': 'markdown',
    'js-types-syntax': 'typescript',
    contributions: {
      html: {
        elements: elementsOf(manifest).map((element) => ({
          name: element.tagName!,
          description: text(element),
          ...(pkg.homepage ? { 'doc-url': pkg.homepage } : {}),
          attributes: (element.attributes ?? []).map((attribute) => ({
            name: attribute.name,
            description: attribute.description ?? '',
            value: isBoolean(attribute.type?.text)
              ? { kind: 'no-value' }
              : { kind: 'plain', type: valuesOf(attribute.type?.text)?.map((v) => `'${v}'`) ?? attribute.type?.text ?? 'string' },
          })),
          slots: (element.slots ?? []).map(named),
          js: {
            properties: publicMembers(element)
              .filter((member) => member.kind === 'field')
              .map((member) => ({ name: member.name, description: member.description ?? '', type: member.type?.text ?? 'unknown' })),
            events: (element.events ?? []).map((event) => ({ ...named(event), ...(event.type ? { type: event.type.text } : {}) })),
          },
          css: {
            properties: (element.cssProperties ?? []).map(named),
            parts: (element.cssParts ?? []).map(named),
          },
        })),
      },
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outdir = process.argv[2] ?? root;
  const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8')) as Manifest;
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageInfo;
  writeFileSync(join(outdir, 'vscode.html-custom-data.json'), `${JSON.stringify(vscodeData(manifest, pkg), null, 2)}\n`);
  writeFileSync(join(outdir, 'web-types.json'), `${JSON.stringify(webTypes(manifest, pkg), null, 2)}\n`);
  console.log(`editor data: ${elementsOf(manifest).length} elements in vscode.html-custom-data.json and web-types.json`);
}
