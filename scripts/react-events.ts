/**
 * src/react-events.ts from custom-elements.json: each element's event props for its React wrapper (src/react.ts),
 * `on` and the event's name after `ciam-` (`ciam-signed-in` → `onSignedIn`), typed with the event's type.
 * Run `npx tsx scripts/react-events.ts` after an element's `@fires` changes; test/manifest/react-events.test.ts
 * fails while the file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { analyze, elementsOf, root, type Manifest } from './manifest.js';

export const reactEventsFile = join(root, 'src/react-events.ts');

/** `ciam-profile-saved` → `onProfileSaved`. */
export function propOf(event: string): string {
  return `on${event.replace(/^ciam-/, '').replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) => letter.toUpperCase())}`;
}

export async function reactEvents(manifest: Manifest): Promise<string> {
  const types = new Set<string>();
  // By tag: the analyzer's module order follows the file system's.
  const elements = elementsOf(manifest).sort((a, b) => a.tagName!.localeCompare(b.tagName!));
  const entries = elements.map((element) => {
    const events = [...(element.events ?? [])].sort((a, b) => propOf(a.name).localeCompare(propOf(b.name)));
    const props = events.map((event) => {
      if (!event.type?.text) throw new Error(`<${element.tagName}>: event ${event.name} has no type (@fires {Type} name)`);
      types.add(event.type.text);
      return `${propOf(event.name)}: '${event.name}' as EventName<${event.type.text}>,`;
    });
    return `'${element.tagName}': {${props.join('\n')}},`;
  });
  const text = `// Generated from custom-elements.json by scripts/react-events.ts; do not edit (test/manifest/react-events.test.ts).
import type { EventName } from '@lit/react';
import type { ${[...types].sort().join(', ')} } from './elements/shared/events.js';

/** Each element's event props for @lit/react: \`on\` and the event's name after \`ciam-\`, typed with its event. */
export const events = {
${entries.join('\n')}
};
`;
  return format(text, { ...(await resolveConfig(reactEventsFile)), filepath: reactEventsFile });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(reactEventsFile, await reactEvents(await analyze()));
  console.log(`wrote ${reactEventsFile}`);
}
