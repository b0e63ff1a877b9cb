import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as stories from '../../../stories/profile.stories.js';
import { demoPolicy, ScriptedProfileStore } from '../../../test/fixtures/profile-store.js';
import { scripted, steps, user } from '../../../test/fixtures/scripted-client.js';
import { renderStory, storiesOf, type StoriesModule } from '../../../test/fixtures/stories.js';
import type { CiamProfileSavedEvent } from '../shared/events.js';
import type { CiamProfile, ProfileOutcome } from './profile.js';
import './ciam-profile.js';

const field = (el: CiamProfile, name: string) => el.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`);
const button = (el: CiamProfile, text: string) => [...el.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent.trim() === text);
const summary = (el: CiamProfile) => el.querySelector('.ciam-error')?.textContent?.replace(/\s+/g, ' ').trim();

async function render(store = new ScriptedProfileStore(), step: 'signedIn' | 'signedOut' = 'signedIn') {
  const client = scripted(step);
  const el = await fixture<CiamProfile>(html`<ciam-profile .client=${client} .store=${store} .policy=${demoPolicy} locale="en"></ciam-profile>`);
  return { el, client, store };
}

/** Asks before `action` and waits for the form; the outcome comes later. */
async function asking(el: CiamProfile, action: string): Promise<{ outcome: Promise<ProfileOutcome> }> {
  const outcome = el.ask(action);
  await waitUntil(() => el.querySelector('form'), 'no form');
  return { outcome };
}

describe('<ciam-profile>', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });

  describe('every story', () => {
    for (const [name, story] of storiesOf(stories as unknown as StoriesModule)) {
      it(`${name} renders its form and passes axe`, async () => {
        const el = await renderStory<CiamProfile>(stories as unknown as StoriesModule, story);
        await waitUntil(() => el.querySelector('form'), 'no form');
        await expect(el).to.be.accessible();
      });
    }
  });

  it('before the named action: asks only what is missing, with its purpose, in light-DOM fields with autocomplete tokens', async () => {
    const { el } = await render();
    await asking(el, 'checkout');
    expect(el.querySelector('legend')!.textContent).to.equal('To show delivery times for where you live.');
    expect(field(el, 'country')!.tagName).to.equal('SELECT');
    expect(field(el, 'country')!.getAttribute('autocomplete')).to.equal('country');
    expect(field(el, 'postal_code')!.getAttribute('autocomplete')).to.equal('postal-code');
    expect(el.querySelector('form')!.noValidate).to.equal(true);
    expect(button(el, 'Not now'), 'optional: it may be skipped').to.not.equal(undefined);
  });

  it('keyboard: asked before an action, focus goes to the first field, and back to the button that asked once answered', async () => {
    const { el } = await render();
    const asker = Object.assign(document.createElement('button'), { textContent: 'Check out' });
    el.before(asker);
    for (const answer of ['Not now', 'Save'] as const) {
      asker.focus();
      const { outcome } = await asking(el, 'checkout');
      await waitUntil(() => document.activeElement === field(el, 'country'), `focus is not on the first field (${answer})`);
      if (answer === 'Save') {
        (field(el, 'country') as HTMLSelectElement).value = 'DE';
        field(el, 'postal_code')!.value = '10115';
      }
      button(el, answer)!.focus();
      await sendKeys({ press: 'Enter' });
      expect(await outcome).to.equal(answer === 'Save' ? 'saved' : 'skipped');
      expect(document.activeElement?.textContent, `after ${answer}`).to.equal('Check out');
      localStorage.clear(); // "Not now" and this visit's count are remembered: ask again
      sessionStorage.clear();
    }
    asker.remove();
  });

  it('nothing to ask: resolves at once and shows nothing', async () => {
    const { el } = await render(new ScriptedProfileStore({ phone_number: '+4930901820' }));
    expect(await el.ask('payout')).to.equal('nothing');
    expect(el.querySelector('form')).to.equal(null);
    expect(await el.ask('unknown-action')).to.equal('nothing');
  });

  it('saves through the store with the version it read, fires ciam-profile-saved and resolves saved', async () => {
    const { el, store } = await render();
    const { outcome } = await asking(el, 'payout');
    field(el, 'phone_number')!.value = '+49 30 901820';
    const saved = oneEvent<CiamProfileSavedEvent>(el, 'ciam-profile-saved');
    button(el, 'Save')!.click();
    expect((await saved).detail).to.deep.equal({ values: { phone_number: '+4930901820' }, stored: 'scim' });
    expect(await outcome).to.equal('saved');
    expect(store.calls).to.deep.equal(['read', 'write W/"1" {"phone_number":"+4930901820"}']);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="status"]')!.textContent).to.equal('Saved. Thank you.');
  });

  it('checks the fields itself: clear messages, focus to the summary, nothing sent, typing kept', async () => {
    const { el, store } = await render();
    await asking(el, 'payout');
    field(el, 'phone_number')!.value = '030 1234';
    button(el, 'Save')!.click();
    await waitUntil(() => summary(el));
    expect(summary(el)).to.equal('Check these details Enter the number with its country code, starting with +.');
    expect(document.activeElement).to.equal(el.querySelector('.ciam-error'));
    expect(field(el, 'phone_number')!.value).to.equal('030 1234');
    expect(field(el, 'phone_number')!.getAttribute('aria-invalid')).to.equal('true');
    expect(store.calls).to.deep.equal(['read']);
  });

  it('a stale version: says the details changed elsewhere, loads the latest, keeps what was typed, and the next save works', async () => {
    const { el, store } = await render();
    const { outcome } = await asking(el, 'payout');
    store.changeElsewhere({ given_name: 'Ada' });
    field(el, 'phone_number')!.value = '+4930901820';
    button(el, 'Save')!.click();
    await waitUntil(() => summary(el));
    expect(summary(el)).to.contain('Your details were changed elsewhere since this form opened.');
    expect(field(el, 'phone_number')!.value).to.equal('+4930901820');
    button(el, 'Save')!.click();
    expect(await outcome).to.equal('saved');
    expect(store.values).to.deep.equal({ given_name: 'Ada', phone_number: '+4930901820' });
  });

  it('"Not now" is remembered for the policy’s interval; a required ask offers Cancel instead and is asked again', async () => {
    const { el } = await render();
    const skipped = await asking(el, 'checkout');
    button(el, 'Not now')!.click();
    expect(await skipped.outcome).to.equal('skipped');
    expect(await el.ask('checkout')).to.equal('nothing');
    const required = await asking(el, 'payout');
    expect(button(el, 'Not now')).to.equal(undefined);
    button(el, 'Cancel')!.click();
    expect(await required.outcome).to.equal('cancelled');
    await asking(el, 'payout');
    expect(field(el, 'phone_number')).to.not.equal(null);
  });

  it('after a sign-up asks for the name; a plain first sign-in asks nothing; from the third sign-in the birthday', async () => {
    const { el, client } = await render();
    const signIn = (signedUp = false) =>
      client.set(steps.signedIn(), { event: 'signed-in', user: user(), restored: false, ...(signedUp ? { signedUp: true as const } : {}) });
    signIn(true);
    await waitUntil(() => field(el, 'given_name'), 'the name is asked after sign-up');
    expect(field(el, 'given_name')!.getAttribute('autocomplete')).to.equal('given-name');
    button(el, 'Not now')!.click();
    signIn();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(el.querySelector('form'), 'second sign-in: nothing due').to.equal(null);
    signIn();
    await waitUntil(() => field(el, 'birthdate'), 'third sign-in: the birthday');
    expect(field(el, 'birthdate')!.getAttribute('type')).to.equal('date');
  });

  it('at most maxQuestions fields per visit across prompts; a required ask is still asked; a new sign-in is a new visit', async () => {
    const { el, client } = await render();
    const signIn = (signedUp = false) =>
      client.set(steps.signedIn(), { event: 'signed-in', user: user(), restored: false, ...(signedUp ? { signedUp: true as const } : {}) });
    signIn(true);
    await waitUntil(() => field(el, 'given_name'), 'the name is asked after sign-up');
    button(el, 'Not now')!.click();
    await waitUntil(() => !el.querySelector('form'));
    // Two of three fields shown in this visit: checkout's two optional fields get one place.
    const checkout = await asking(el, 'checkout');
    expect(field(el, 'country')).to.not.equal(null);
    expect(field(el, 'postal_code'), 'beyond the visit’s limit').to.equal(null);
    button(el, 'Not now')!.click();
    await checkout.outcome;
    const payout = await asking(el, 'payout');
    expect(field(el, 'phone_number'), 'required by the action: asked beyond the limit').to.not.equal(null);
    button(el, 'Cancel')!.click();
    await payout.outcome;
    signIn();
    await new Promise((resolve) => setTimeout(resolve, 20));
    localStorage.clear(); // forget the skips, keep the visit: only the visit's count decides below
    await asking(el, 'checkout');
    expect(field(el, 'postal_code'), 'a new visit has room again').to.not.equal(null);
  });

  it('without a store or SCIM endpoint: hands the values to the page (stored: null)', async () => {
    const el = await fixture<CiamProfile>(html`<ciam-profile .client=${scripted('signedIn')} .policy=${demoPolicy} locale="en"></ciam-profile>`);
    const { outcome } = await asking(el, 'payout');
    field(el, 'phone_number')!.value = '+4930901820';
    const saved = oneEvent<CiamProfileSavedEvent>(el, 'ciam-profile-saved');
    button(el, 'Save')!.click();
    expect((await saved).detail).to.deep.equal({ values: { phone_number: '+4930901820' }, stored: null });
    expect(await outcome).to.equal('saved');
  });

  it('signed out: asks nothing', async () => {
    const { el } = await render(new ScriptedProfileStore(), 'signedOut');
    expect(await el.ask('payout')).to.equal('nothing');
  });
});
