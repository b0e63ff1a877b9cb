import { expect, fixture, html } from '@open-wc/testing';
import * as stories from '../../../stories/recovery.stories.js';
import { scripted, steps, user } from '../../../test/fixtures/scripted-client.js';
import { formReady, renderStory, storiesOf, type StoriesModule } from '../../../test/fixtures/stories.js';
import type { CiamRecovery } from './recovery.js';
import './ciam-recovery.js';

describe('<ciam-recovery>', () => {
  for (const [name, story] of storiesOf(stories as unknown as StoriesModule)) {
    it(`story ${name} passes axe`, async () => {
      const el = await renderStory<CiamRecovery>(stories as unknown as StoriesModule, story);
      await expect(el).to.be.accessible();
    });
  }

  it('opens on the email step and asks for a code', async () => {
    const client = scripted('embeddedIdentifier');
    const el = await fixture<CiamRecovery>(html`<ciam-recovery .client=${client}></ciam-recovery>`);
    await formReady(el);
    expect(el.shadowRoot!.querySelector('[part~="title"]')!.textContent).to.equal('Reset your password');
    el.querySelector<HTMLInputElement>('input[name="email"]')!.value = 'ada@example.com';
    el.querySelector('form')!.requestSubmit();
    expect(client.calls.at(-1)).to.deep.equal({ method: 'submit', submit: { kind: 'recover', email: 'ada@example.com' } });
  });

  it('offers a fresh code after the countdown by starting over with the same email', async () => {
    const client = scripted('embeddedRecoveryCode');
    const state = client.state;
    if (state.name === 'signed-out' && state.flow) state.flow.resendAvailableAtMs = Date.now() - 1;
    const el = await fixture<CiamRecovery>(html`<ciam-recovery .client=${client}></ciam-recovery>`);
    await formReady(el);
    [...el.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Send a new code')!.click();
    expect(client.calls.at(-1)).to.deep.equal({ method: 'submit', submit: { kind: 'recover', email: 'ada@example.com' } });
  });

  it('after the new password is set: says it was changed and that the user is signed in, announced and focused', async () => {
    const client = scripted('embeddedRecoveryCode');
    const el = await fixture<CiamRecovery>(html`<ciam-recovery .client=${client}></ciam-recovery>`);
    await formReady(el);
    el.querySelector<HTMLInputElement>('input[name="code"]')!.value = '123456';
    const password = el.querySelector<HTMLInputElement>('input[name="password"]')!;
    password.value = 'the second long passphrase';
    password.focus();
    el.querySelector('form')!.requestSubmit();
    expect(client.calls.at(-1)!.submit).to.deep.equal({ kind: 'recovery-code', code: '123456', newPassword: 'the second long passphrase' });
    const pending = steps.embeddedRecoveryCode();
    if (pending.name === 'signed-out' && pending.flow) pending.flow.pending = true;
    client.set(pending);
    await el.updateComplete;
    client.set(steps.signedIn(), { event: 'signed-in', user: user(), restored: false });
    await el.updateComplete;
    const done = el.shadowRoot!.querySelector<HTMLElement>('[part~="signed-in"]')!;
    expect(done.textContent.trim()).to.equal('Your password has been changed. You’re signed in as Ada Lovelace.');
    expect(done.getAttribute('role')).to.equal('status');
    expect(el.shadowRoot!.activeElement === done, 'focus on the confirmation').to.equal(true);
    el.offering = true; // a passkey offer may follow: the confirmation stays above it
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="signed-in"]')?.textContent.trim()).to.equal(
      'Your password has been changed. You’re signed in as Ada Lovelace.',
    );
  });

  it('a session restored later says only who is signed in', async () => {
    const client = scripted('signedIn');
    const el = await fixture<CiamRecovery>(html`<ciam-recovery .client=${client}></ciam-recovery>`);
    expect(el.shadowRoot!.querySelector('[part~="signed-in"]')!.textContent.trim()).to.equal('Signed in as Ada Lovelace.');
  });
});
