import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, elementsOf, type Manifest, type ManifestElement } from '../../scripts/manifest.js';
import { checkManifest } from './manifest-check.js';
import { readSource } from './source.js';

/**
 * custom-elements.json is what editors, Storybook and the React wrappers know of the elements: it must say
 * everything a page can use, and nothing that is not there. The truth is read from the source (source.ts).
 */
const [manifest, source] = [await analyze(), readSource()];

describe('custom-elements.json', () => {
  it('documents every element, attribute, property, event, slot, part and CSS custom property, and nothing else', () => {
    assert.deepEqual([...source.problems, ...checkManifest(manifest, source)], []);
  });

  it('is checked against a source read in full', () => {
    const count = (pick: (e: (typeof source.elements)[number]) => unknown[]) => source.elements.reduce((n, e) => n + pick(e).length, 0);
    assert.equal(source.elements.length, 12, source.elements.map((e) => e.tag).join(', '));
    assert.ok(count((e) => e.properties) > 100, `${count((e) => e.properties)} properties`);
    assert.ok(count((e) => e.events) >= 20, `${count((e) => e.events)} events`);
    assert.ok(count((e) => e.parts) > 150, `${count((e) => e.parts)} parts`);
    assert.ok(count((e) => e.slots) >= 15, `${count((e) => e.slots)} slots`);
    assert.ok(count((e) => e.cssProperties) > 150, `${count((e) => e.cssProperties)} CSS properties`);
    assert.equal(source.eventTypes.get('ciam-signed-in'), 'CiamSignedInEvent');
  });
});

describe('the manifest check', () => {
  /** The manifest with `change` applied to the declaration of `tag` (a copy). */
  function edited(tag: string, change: (element: ManifestElement) => void): Manifest {
    const copy = structuredClone(manifest);
    change(elementsOf(copy).find((d) => d.tagName === tag)!);
    return copy;
  }
  const problemsOf = (changed: Manifest) => checkManifest(changed, source);

  const removals: [string, string, (e: ManifestElement) => void, RegExp][] = [
    [
      'an attribute',
      'ciam-login',
      (e) => (e.attributes = e.attributes!.filter((a) => a.name !== 'redirect-uri')),
      /<ciam-login>: attribute redirect-uri is not in/,
    ],
    ['a property', 'ciam-passkey', (e) => (e.members = e.members!.filter((m) => m.name !== 'api')), /<ciam-passkey>: property api is not in/],
    [
      'an event',
      'ciam-consent',
      (e) => (e.events = e.events!.filter((v) => v.name !== 'ciam-consent-changed')),
      /<ciam-consent>: event ciam-consent-changed is fired but not in/,
    ],
    ['a part', 'ciam-user', (e) => (e.cssParts = e.cssParts!.filter((p) => p.name !== 'avatar')), /<ciam-user>: part avatar is in its templates but not in/],
    ['a slot', 'ciam-login', (e) => (e.slots = e.slots!.filter((s) => s.name !== 'footer')), /<ciam-login>: slot footer is in its templates but not in/],
    [
      'a CSS property',
      'ciam-user',
      (e) => (e.cssProperties = e.cssProperties!.filter((p) => p.name !== '--ciam-avatar-size')),
      /<ciam-user>: CSS property --ciam-avatar-size is read by its styles but not in/,
    ],
  ];
  for (const [what, tag, change, message] of removals)
    it(`fails without ${what}, naming it`, () => {
      assert.deepEqual(problemsOf(manifest), [], 'the manifest as built passes');
      const problems = problemsOf(edited(tag, change));
      assert.equal(problems.length, 1, problems.join('\n'));
      assert.match(problems[0], message);
    });

  it('fails without an element, naming it', () => {
    const copy = structuredClone(manifest);
    for (const module of copy.modules) module.declarations = module.declarations?.filter((d) => d.tagName !== 'ciam-sessions');
    assert.deepEqual(problemsOf(copy), ['<ciam-sessions> (CiamSessions, src/elements/sessions/sessions.ts) is not in the manifest']);
  });

  it('fails on what the element does not have, naming it', () => {
    const problems = problemsOf(
      edited('ciam-social', (e) => {
        e.cssParts!.push({ name: 'gone', description: 'A part no template has.' });
        e.events!.push({ name: 'ciam-linked', description: 'Not fired here.', type: { text: 'CiamLinkedEvent' } });
        e.cssProperties!.push({ name: '--ciam-avatar-size', description: 'Read by <ciam-user> only.' });
      }),
    );
    assert.deepEqual(problems, [
      '<ciam-social>: event ciam-linked is in the manifest but never fired',
      '<ciam-social>: part gone is in the manifest but not in its templates',
      '<ciam-social>: CSS property --ciam-avatar-size is in the manifest but not read by its styles',
    ]);
  });

  it('fails on an empty description, a wrong event type and an attribute whose values differ from the type', () => {
    const problems = problemsOf(
      edited('ciam-consent', (e) => {
        e.cssParts!.find((p) => p.name === 'card')!.description = '';
        e.events!.find((v) => v.name === 'ciam-consent-changed')!.type = { text: 'CustomEvent' };
        e.attributes!.find((a) => a.name === 'mode')!.type = { text: "'account'" };
      }),
    );
    assert.deepEqual(problems, [
      "<ciam-consent>: attribute mode takes 'account' | 'hosted', the manifest says 'account'",
      '<ciam-consent>: event ciam-consent-changed is a CiamConsentChangedEvent, the manifest says CustomEvent',
      '<ciam-consent>: part card has no description',
    ]);
  });
});
