import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { vscodeData, webTypes } from '../../scripts/editor-data.js';
import { analyze, elementsOf } from '../../scripts/manifest.js';

/** The editor data `npm run build` writes from the manifest (scripts/editor-data.ts); the artefact suite finds it in the tarball. */
const manifest = await analyze();
const pkg = { name: 'ciam-elements', version: '0.0.0-test' };
const tags = elementsOf(manifest).map((element) => element.tagName);

describe('VS Code custom data', () => {
  const data = vscodeData(manifest, pkg);
  const login = data.tags.find((tag) => tag.name === 'ciam-login')!;
  const attribute = (name: string) => login.attributes.find((a) => a.name === name)!;

  it('has every tag of the manifest, each described', () => {
    assert.equal(data.version, 1.1);
    assert.deepEqual(
      data.tags.map((tag) => tag.name),
      tags,
    );
    for (const tag of data.tags) assert.ok(tag.description.value.length > 20, tag.name);
  });

  it("offers an attribute's values, less the empty one, and takes a boolean attribute without a value", () => {
    assert.deepEqual(attribute('mode').values, [{ name: 'redirect' }, { name: 'popup' }, { name: 'embedded' }, { name: 'hosted' }]);
    assert.deepEqual(attribute('intent').values, [{ name: 'sign-in' }, { name: 'sign-up' }, { name: 'recover' }]);
    assert.equal(attribute('dpop').valueSet, 'v');
    assert.equal(attribute('authority').values, undefined);
    assert.match(attribute('client-id').description.value, /client_id/);
  });

  it("lists an element's events, slots, parts and custom properties in its description", () => {
    assert.match(login.description.value, /\*\*Events:\*\* `ciam-signed-in`/);
    assert.match(login.description.value, /`social-<id>`/);
    assert.match(login.description.value, /`--ciam-color-primary`/);
  });
});

describe('JetBrains web-types', () => {
  const data = webTypes(manifest, pkg);
  const elements = data.contributions.html.elements;
  const login = elements.find((element) => element.name === 'ciam-login')!;

  it('has every tag of the manifest with its attributes, events, slots, parts and custom properties', () => {
    assert.equal(data.name, 'ciam-elements');
    assert.deepEqual(
      elements.map((element) => element.name),
      tags,
    );
    assert.deepEqual(login.attributes.find((a) => a.name === 'mode')!.value, { kind: 'plain', type: ["'redirect'", "'popup'", "'embedded'", "'hosted'"] });
    assert.deepEqual(login.attributes.find((a) => a.name === 'no-passkeys')!.value, { kind: 'no-value' });
    assert.ok(login.js.events.some((event) => event.name === 'ciam-signed-in' && event.type === 'CiamSignedInEvent'));
    assert.ok(login.js.properties.some((property) => property.name === 'client' && property.type === 'SessionClient | undefined'));
    assert.ok(login.css.properties.some((property) => property.name === '--ciam-card-width'));
    assert.ok(login.css.parts.some((part) => part.name === 'primary-button'));
    assert.ok(login.slots.some((slot) => slot.name === 'footer'));
  });

  it('matches a name with a placeholder by pattern (social-<id> is social-google)', () => {
    const pattern = new RegExp(login.css.parts.find((p) => p.name === 'social-<id>')?.pattern ?? 'no pattern');
    assert.ok(pattern.test('social-google'));
    assert.ok(!pattern.test('social'));
    assert.equal(login.css.parts.find((p) => p.name === 'social')?.pattern, undefined);
  });
});
