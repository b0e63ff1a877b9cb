import { expect, fixture, html } from '@open-wc/testing';
import * as stories from '../../../stories/signup.stories.js';
import { scripted } from '../../../test/fixtures/scripted-client.js';
import { formReady, renderStory, storiesOf, type StoriesModule } from '../../../test/fixtures/stories.js';
import type { CiamSignup } from './signup.js';
import './ciam-signup.js';

describe('<ciam-signup>', () => {
  for (const [name, story] of storiesOf(stories as unknown as StoriesModule)) {
    it(`story ${name} passes axe`, async () => {
      const el = await renderStory<CiamSignup>(stories as unknown as StoriesModule, story);
      await expect(el).to.be.accessible();
    });
  }

  it('opens on the sign-up form in embedded mode and submits name, email and password', async () => {
    const client = scripted('embeddedIdentifier');
    const el = await fixture<CiamSignup>(html`<ciam-signup .client=${client}></ciam-signup>`);
    await formReady(el);
    expect(el.shadowRoot!.querySelector('[part~="title"]')!.textContent).to.equal('Create your account');
    el.querySelector<HTMLInputElement>('input[name="name"]')!.value = 'Grace Hopper';
    el.querySelector<HTMLInputElement>('input[name="email"]')!.value = 'grace@example.com';
    el.querySelector<HTMLInputElement>('input[name="password"]')!.value = 'compile the nanoseconds';
    el.querySelector('form')!.requestSubmit();
    expect(client.calls.at(-1)).to.deep.equal({
      method: 'submit',
      submit: { kind: 'signup', email: 'grace@example.com', password: 'compile the nanoseconds', name: 'Grace Hopper' },
    });
  });

  it('leads with Create account in redirect mode', async () => {
    const client = scripted('signedOut');
    const el = await fixture<CiamSignup>(html`<ciam-signup .client=${client}></ciam-signup>`);
    await formReady(el);
    const primary = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="primary-button"]')!;
    expect(primary.textContent.trim()).to.equal('Create account');
    primary.click();
    expect(client.calls.at(-1)!.options?.intent).to.equal('sign-up');
  });

  it('checks the form itself (novalidate): a short password gets the policy’s message, not the browser’s, and nothing is sent', async () => {
    const client = scripted('embeddedSignUp');
    const el = await fixture<CiamSignup>(html`<ciam-signup .client=${client}></ciam-signup>`);
    await formReady(el);
    const form = el.querySelector('form')!;
    expect(form.noValidate).to.equal(true);
    el.querySelector<HTMLInputElement>('input[name="email"]')!.value = 'grace@example.com';
    el.querySelector<HTMLInputElement>('input[name="password"]')!.value = 'password123';
    form.requestSubmit();
    await el.updateComplete;
    expect(client.calls.some((c) => c.method === 'submit')).to.equal(false);
    expect(el.querySelector('.ciam-error')!.textContent).to.contain('Use at least 15 characters.');
  });
});
