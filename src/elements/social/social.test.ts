import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as stories from '../../../stories/social.stories.js';
import { scripted, steps, user } from '../../../test/fixtures/scripted-client.js';
import { renderStory, storiesOf, type StoriesModule } from '../../../test/fixtures/stories.js';
import type { CiamSocial } from './social.js';
import './ciam-social.js';
import '../login/ciam-login.js';

const buttons = (el: CiamSocial) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="social-button"]')];

describe('<ciam-social>', () => {
  describe('every story', () => {
    for (const [name, story] of storiesOf(stories as unknown as StoriesModule)) {
      it(`${name} renders its group and passes axe`, async () => {
        const el = await renderStory<CiamSocial>(stories as unknown as StoriesModule, story);
        expect(el.shadowRoot!.querySelector('[part~="social"]')).to.be.instanceOf(HTMLElement);
        await expect(el).to.be.accessible();
      });
    }
  });

  it('signs in with the provider as the hint, in the mode and with the return path it was given', async () => {
    const client = scripted('signedOut');
    const el = await fixture<CiamSocial>(
      html`<ciam-social .client=${client} providers="github, acme=Acme SSO" mode="popup" return-to="/orders" locale="de"></ciam-social>`,
    );
    const names = () => buttons(el).map((b) => b.textContent.replace(/\s+/g, ' ').trim());
    await waitUntil(() => names()[0] === 'GH Weiter mit GitHub', 'the German catalog never arrived');
    expect(names()).to.deep.equal(['GH Weiter mit GitHub', 'A Weiter mit Acme SSO']);
    buttons(el)[1].click();
    expect(client.calls.at(-1)).to.deep.equal({ method: 'signIn', options: { via: 'popup', idp: 'acme', returnTo: '/orders', uiLocales: 'de' } });
  });

  it('is usable by keyboard: Tab through the providers in order, Enter and Space press them', async () => {
    const client = scripted('signedOut');
    const el = await fixture<CiamSocial>(html`<ciam-social .client=${client} providers="google, github"></ciam-social>`);
    buttons(el)[0].focus();
    await sendKeys({ press: 'Enter' });
    client.set(steps.signedOut());
    await el.updateComplete;
    buttons(el)[0].focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(buttons(el)[1]);
    await sendKeys({ press: 'Space' });
    expect(client.calls.filter((c) => c.method === 'signIn').map((c) => c.options?.idp)).to.deep.equal(['google', 'github']);
  });

  it('shows nothing while signed in', async () => {
    const el = await fixture<CiamSocial>(html`<ciam-social .client=${scripted('signedIn')} providers="google"></ciam-social>`);
    expect(buttons(el)).to.have.length(0);
  });

  it('beside a <ciam-login> of the same client, each session event is fired once', async () => {
    const client = scripted('signedOut');
    const page = await fixture<HTMLElement>(
      html`<div><ciam-login .client=${client}></ciam-login><ciam-social .client=${client} providers="google"></ciam-social></div>`,
    );
    let heard = 0;
    page.addEventListener('ciam-signed-in', (e) => (heard += e.detail.user ? 1 : 0));
    client.set(steps.signedIn(), { event: 'signed-in', user: user(), restored: false });
    await new Promise((resolve) => setTimeout(resolve));
    expect(heard).to.equal(1);
  });

  it('alone on the page, it fires the session events itself', async () => {
    const client = scripted('signedOut');
    const el = await fixture<CiamSocial>(html`<ciam-social .client=${client} providers="google"></ciam-social>`);
    let heard = 0;
    el.addEventListener('ciam-signed-in', () => heard++);
    client.set(steps.signedIn(), { event: 'signed-in', user: user(), restored: false });
    await new Promise((resolve) => setTimeout(resolve));
    expect(heard).to.equal(1);
  });
});
