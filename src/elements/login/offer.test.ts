import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ScriptedPasskeyApi, passkeys, scriptedCeremony } from '../../../test/fixtures/passkey-api.js';
import { scripted, steps, user } from '../../../test/fixtures/scripted-client.js';
import { currentBrowser, describeDevice } from '../passkey/passkey-name.js';
import type { CiamLogin } from './login.js';
import './ciam-login.js';

const offerKey = `ciam.passkey-offer.${user().sub}`;
const button = (el: CiamLogin, text: string) => [...el.querySelectorAll('button')].find((b) => b.textContent.trim() === text);
/** What this browser's passkeys are called by default ("Chrome on Linux"). */
const thisDevice = () => {
  const { browser, os } = describeDevice(currentBrowser());
  return `${browser} on ${os}`;
};

/** A <ciam-login> right after a password sign-in, showing the offer. */
async function offered(api = new ScriptedPasskeyApi([])) {
  const client = scripted('signedIn');
  client.passkeyApi = api;
  const el = await fixture<CiamLogin>(html`<ciam-login .client=${client} passkeys-endpoint="/api/passkeys"></ciam-login>`);
  client.set(steps.signedIn(), { event: 'signed-in', user: user(), restored: false });
  await waitUntil(() => button(el, 'Create a passkey'), 'the offer did not show');
  return { el, client, api };
}

describe('<ciam-login> passkey offer (offer.ts)', () => {
  beforeEach(() => localStorage.removeItem(offerKey));
  afterEach(() => localStorage.removeItem(offerKey));

  it('"Not now": focus goes to the signed-in line, not to the page', async () => {
    const { el } = await offered();
    button(el, 'Not now')!.focus();
    button(el, 'Not now')!.click();
    const line = () => el.shadowRoot!.querySelector<HTMLElement>('[part~="signed-in"]');
    await waitUntil(() => line(), 'the signed-in line did not show');
    await waitUntil(() => el.shadowRoot!.activeElement === line(), 'focus is not on the signed-in line');
    expect(line()!.textContent).to.contain('Signed in as Ada Lovelace');
    expect(line()!.tabIndex, 'focusable by script, not a Tab stop').to.equal(-1);
    expect(localStorage.getItem(offerKey)).to.equal('declined');
  });

  it('created: focus goes to "Done", which the confirmation describes; then to the signed-in line', async () => {
    const { el } = await offered();
    button(el, 'Create a passkey')!.focus();
    button(el, 'Create a passkey')!.click();
    await waitUntil(() => document.activeElement === button(el, 'Done'), 'focus is not on "Done"');
    const done = button(el, 'Done')!;
    expect(el.querySelector(`#${done.getAttribute('aria-describedby')}`)!.textContent).to.contain('Passkey created.');
    done.click();
    await waitUntil(() => el.shadowRoot!.activeElement?.matches('[part~="signed-in"]'), 'focus is not on the signed-in line');
  });

  it('a closed browser prompt puts focus back on "Create a passkey"', async () => {
    const { el, client } = await offered();
    client.ceremony = scriptedCeremony('cancelled');
    button(el, 'Create a passkey')!.click();
    await waitUntil(() => document.activeElement === button(el, 'Create a passkey'), 'focus is not back on "Create a passkey"');
    expect(button(el, 'Create a passkey')!.disabled).to.equal(false);
  });

  it('a failure moves focus to its error', async () => {
    const { el, client } = await offered();
    client.ceremony = scriptedCeremony('passkey_exists');
    button(el, 'Create a passkey')!.click();
    await waitUntil(() => document.activeElement?.matches('.ciam-error'), 'focus is not on the error');
  });

  it("names the passkey after this browser, unique among the user's passkeys", async () => {
    const taken = { ...passkeys(1)[0], id: 'pk-9', name: thisDevice() };
    const { el, api } = await offered(new ScriptedPasskeyApi([taken]));
    button(el, 'Create a passkey')!.click();
    await waitUntil(() => button(el, 'Done'), 'the passkey was not created');
    expect(api.calls.filter((c) => c.startsWith('register'))).to.deep.equal([`register ${thisDevice()} (2)`]);
  });
});
