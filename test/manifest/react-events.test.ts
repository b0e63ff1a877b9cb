import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze, elementsOf, root } from '../../scripts/manifest.js';
import { propOf, reactEvents, reactEventsFile } from '../../scripts/react-events.js';

/** The React wrappers' event props come from the manifest (scripts/react-events.ts → src/react-events.ts). */
const manifest = await analyze();

describe('the React wrappers', () => {
  it("take each element's events from the manifest (src/react-events.ts is up to date)", async () => {
    assert.equal(
      readFileSync(reactEventsFile, 'utf8'),
      await reactEvents(manifest),
      'src/react-events.ts differs from what custom-elements.json makes: run `npx tsx scripts/react-events.ts`',
    );
  });

  it('wrap every element of the manifest with its own events', () => {
    const wrapped = [...readFileSync(join(root, 'src/react.ts'), 'utf8').matchAll(/\bwrap\('([\w-]+)', \w+, events\['([\w-]+)'\]\)/g)];
    for (const [call, tag, eventsOf] of wrapped) assert.equal(eventsOf, tag, call);
    assert.deepEqual(
      wrapped.map(([, tag]) => tag).sort(),
      elementsOf(manifest)
        .map((element) => element.tagName)
        .sort(),
    );
  });

  it('name an event prop `on` and the event after `ciam-`', () => {
    assert.equal(propOf('ciam-signed-in'), 'onSignedIn');
    assert.equal(propOf('ciam-profile-saved'), 'onProfileSaved');
    assert.equal(propOf('ciam-error'), 'onError');
  });
});
