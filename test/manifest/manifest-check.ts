/**
 * custom-elements.json against the source (source.ts): each problem is one line naming the element and the item,
 * for what the manifest misses, what it lists that the source does not have, and what it lists without a description.
 */
import { elementsOf, literalValues, publicMembers, type Documented, type Manifest, type ManifestElement } from '../../scripts/manifest.js';
import type { Source, SourceElement } from './source.js';

/** `social-<id>` (a documented name with a placeholder) and `social-*` (a name built at run time) are the same part. */
const pattern = (name: string) => name.replace(/<[^>]+>/g, '*');

const described = (item: Documented | undefined) => !!(item?.description?.trim() || item?.summary?.trim());
const same = (a: string[], b: string[]) => a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]);

export function checkManifest(manifest: Manifest, source: Source): string[] {
  const problems: string[] = [];
  const documented = new Map(elementsOf(manifest).map((d) => [d.tagName!, d]));
  for (const tag of documented.keys()) if (!source.elements.some((e) => e.tag === tag)) problems.push(`<${tag}> is in the manifest but no entry defines it`);
  for (const element of source.elements) {
    const doc = documented.get(element.tag);
    if (!doc) {
      problems.push(`<${element.tag}> (${element.className}, ${element.file}) is not in the manifest`);
      continue;
    }
    problems.push(...checkElement(element, doc, source).map((problem) => `<${element.tag}>: ${problem}`));
  }
  return problems;
}

function checkElement(element: SourceElement, doc: ManifestElement, source: Source): string[] {
  const problems: string[] = [];
  if (doc.name !== element.className) problems.push(`the manifest's class is ${doc.name}, the source's ${element.className}`);
  if (!described(doc)) problems.push('no summary or description');

  // Attributes and properties
  const attributes = doc.attributes ?? [];
  const members = publicMembers(doc);
  for (const property of element.properties) {
    const member = members.find((m) => m.name === property.name);
    if (!member || member.kind !== 'field') problems.push(`property ${property.name} is not in the manifest`);
    else {
      if (!described(member)) problems.push(`property ${property.name} has no description`);
      if (!member.type?.text) problems.push(`property ${property.name} has no type`);
      if (property.reflect && !member.reflects) problems.push(`property ${property.name} reflects, the manifest does not say so`);
    }
    if (!property.attribute) continue;
    const attribute = attributes.find((a) => a.name === property.attribute);
    if (!attribute) {
      problems.push(`attribute ${property.attribute} is not in the manifest`);
      continue;
    }
    if (attribute.fieldName !== property.name)
      problems.push(`attribute ${property.attribute} is property ${property.name}, the manifest says ${attribute.fieldName}`);
    if (!described(attribute)) problems.push(`attribute ${property.attribute} has no description`);
    if (!attribute.type?.text) problems.push(`attribute ${property.attribute} has no type`);
    // Editors offer an attribute's values from its type: where the source's type is a set of strings, the manifest names the same set.
    if (property.values && !same(literalValues(attribute.type?.text) ?? [], property.values))
      problems.push(`attribute ${property.attribute} takes ${property.values.map((v) => `'${v}'`).join(' | ')}, the manifest says ${attribute.type?.text}`);
  }
  for (const attribute of attributes)
    if (!element.properties.some((p) => p.attribute === attribute.name)) problems.push(`attribute ${attribute.name} is in the manifest but no property has it`);
  for (const member of members) {
    const known = element.properties.some((p) => p.name === member.name) || element.publicMembers.includes(member.name);
    if (!known) problems.push(`${member.kind === 'method' ? 'method' : 'property'} ${member.name} is in the manifest but not public in the source`);
    else if (!described(member)) problems.push(`${member.kind === 'method' ? 'method' : 'property'} ${member.name} has no description`);
  }

  // Events, with the type each is dispatched as
  for (const name of element.events) {
    const event = doc.events?.find((e) => e.name === name);
    if (!event) problems.push(`event ${name} is fired but not in the manifest`);
    else if (event.type?.text !== source.eventTypes.get(name))
      problems.push(`event ${name} is a ${source.eventTypes.get(name) ?? '(not in CiamEventMap)'}, the manifest says ${event.type?.text ?? 'nothing'}`);
  }
  for (const event of doc.events ?? []) {
    if (!element.events.includes(event.name)) problems.push(`event ${event.name} is in the manifest but never fired`);
    else if (!described(event)) problems.push(`event ${event.name} has no description`);
  }

  // Parts, slots, CSS custom properties
  const lists = [
    ['part', element.parts, doc.cssParts, 'in its templates'],
    ['slot', element.slots, doc.slots, 'in its templates'],
    ['CSS property', element.cssProperties, doc.cssProperties, 'read by its styles'],
  ] as const;
  for (const [kind, found, docs = [], where] of lists) {
    const names = docs.map((d) => pattern(d.name));
    for (const name of found) if (!names.includes(name)) problems.push(`${kind} ${shown(name)} is ${where} but not in the manifest`);
    for (const item of docs) {
      if (!found.includes(pattern(item.name))) problems.push(`${kind} ${shown(item.name)} is in the manifest but not ${where}`);
      else if (!described(item)) problems.push(`${kind} ${shown(item.name)} has no description`);
    }
  }
  return problems;
}

const shown = (name: string) => (name === '' ? '(default)' : name);
