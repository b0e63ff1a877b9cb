import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as stories from '../../../stories/user.stories.js';
import { scripted, steps, user } from '../../../test/fixtures/scripted-client.js';
import { renderStory, storiesOf, type StoriesModule } from '../../../test/fixtures/stories.js';
import type { CiamLogin } from '../login/login.js';
import '../login/ciam-login.js';
import type { CiamUser } from './user.js';
import './ciam-user.js';

const part = (el: CiamUser, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

describe('<ciam-user>', () => {
  for (const [name, story] of storiesOf(stories as unknown as StoriesModule)) {
    it(`story ${name} passes axe`, async () => {
      const el = await renderStory<CiamUser>(stories as unknown as StoriesModule, story);
      await expect(el).to.be.accessible();
    });
  }

  it('shows name, email and initials from the claims, and signs out on click', async () => {
    const client = scripted('signedIn');
    const el = await fixture<CiamUser>(html`<ciam-user .client=${client}></ciam-user>`);
    expect(part(el, 'name')!.textContent).to.equal('Ada Lovelace');
    expect(part(el, 'email')!.textContent).to.equal('ada@example.com');
    expect(part(el, 'avatar')!.textContent).to.equal('AL');
    part(el, 'sign-out-button')!.click();
    expect(client.calls.at(-1)!.method).to.equal('signOut');
  });

  it('"Sign out" is the kit\'s secondary button: the weight, size and 44 px target of <ciam-login>\'s "Create account"', async () => {
    const login = await fixture<CiamLogin>(html`<ciam-login .client=${scripted('signedOut')}></ciam-login>`);
    const secondary = login.shadowRoot!.querySelector<HTMLElement>('[part~="sign-up-button"]')!;
    const el = await fixture<CiamUser>(html`<ciam-user .client=${scripted('signedIn')}></ciam-user>`);
    const signOut = part(el, 'sign-out-button')!;
    const look = (b: HTMLElement) => {
      const style = getComputedStyle(b);
      return { weight: style.fontWeight, size: style.fontSize, height: b.getBoundingClientRect().height };
    };
    expect(look(signOut)).to.deep.equal(look(secondary));
    expect(look(signOut).height).to.be.at.least(44);
  });

  it('renders the picture as a decorative image', async () => {
    const el = await fixture<CiamUser>(html`<ciam-user .client=${scripted('signedInWithPicture')}></ciam-user>`);
    const img = part(el, 'avatar') as HTMLImageElement;
    expect(img.tagName).to.equal('IMG');
    expect(img.getAttribute('alt')).to.equal('');
  });

  it('renders claims as text, never as HTML', async () => {
    const client = scripted('signedIn');
    const el = await fixture<CiamUser>(html`<ciam-user .client=${client}></ciam-user>`);
    const state = steps.signedIn();
    client.set({ ...state, user: user({ name: '<img src=x onerror="window.pwned=1">' }) } as typeof state);
    await el.updateComplete;
    expect(part(el, 'name')!.textContent).to.equal('<img src=x onerror="window.pwned=1">');
    expect(el.shadowRoot!.querySelectorAll('img').length).to.equal(0);
  });

  it('renders nothing while signed out and appears on sign-in', async () => {
    const client = scripted('signedOut');
    const el = await fixture<CiamUser>(html`<ciam-user .client=${client}></ciam-user>`);
    expect(part(el, 'user-menu')).to.equal(null);
    client.set(steps.signedIn());
    await el.updateComplete;
    expect(part(el, 'user-menu')).to.be.instanceOf(HTMLElement);
  });

  it('is reachable by keyboard', async () => {
    const el = await fixture<CiamUser>(html`<ciam-user .client=${scripted('signedIn')}></ciam-user>`);
    part(el, 'sign-out-button')!.focus();
    expect(el.shadowRoot!.activeElement, 'focus').to.equal(part(el, 'sign-out-button'));
  });

  describe('where it is narrow (a phone header, a slim sidebar)', () => {
    const long = user({
      name: 'Maximiliane Wilhelmina von Hohenzollern-Sigmaringen',
      email: 'maximiliane.wilhelmina.von.hohenzollern@very-long-domain.example',
    });
    async function narrow(width: number, profile = user(), locale = '') {
      const client = scripted('signedIn');
      client.set({ ...steps.signedIn(), user: profile } as ReturnType<typeof steps.signedIn>);
      const box = await fixture<HTMLElement>(html`<div style="inline-size: ${width}px"><ciam-user locale=${locale} .client=${client}></ciam-user></div>`);
      const el = box.querySelector<CiamUser>('ciam-user')!;
      await el.updateComplete;
      return { el, client };
    }
    const shown = (node: HTMLElement | null) => !!node && node.getClientRects().length > 0;
    const button = (el: CiamUser) => part(el, 'menu-button')!;
    it('shows an avatar button named "Your account" and the user, and no sign-out until opened', async () => {
      const { el } = await narrow(200);
      expect(shown(button(el))).to.equal(true);
      expect(button(el).getAttribute('aria-label')).to.equal('Your account: Ada Lovelace');
      expect(getComputedStyle(button(el).querySelector('[part~="avatar"]')!, '::before').content).to.equal('"AL"');
      expect(button(el).getAttribute('aria-expanded')).to.equal('false');
      expect(shown(part(el, 'sign-out-button')), 'sign-out hidden').to.equal(false);
      expect(shown(part(el, 'name')), 'name hidden').to.equal(false);
      await expect(el).to.be.accessible();
    });

    it('opens the menu with name, email and Sign out; Tab reaches Sign out; Escape closes and returns focus', async () => {
      const { el, client } = await narrow(200);
      button(el).focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(button(el).getAttribute('aria-expanded')).to.equal('true');
      expect(shown(part(el, 'name')) && shown(part(el, 'email')) && shown(part(el, 'sign-out-button'))).to.equal(true);
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement).to.equal(part(el, 'sign-out-button'));
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(button(el).getAttribute('aria-expanded')).to.equal('false');
      expect(el.shadowRoot!.activeElement, 'focus back on the button').to.equal(button(el));
      button(el).click();
      await el.updateComplete;
      part(el, 'sign-out-button')!.click();
      expect(client.calls.at(-1)!.method).to.equal('signOut');
    });

    it('a click elsewhere on the page closes it', async () => {
      const { el } = await narrow(200);
      button(el).click();
      await el.updateComplete;
      expect(shown(part(el, 'menu'))).to.equal(true);
      part(el, 'menu')!.click(); // inside: stays open
      await el.updateComplete;
      expect(shown(part(el, 'menu'))).to.equal(true);
      document.body.click();
      await el.updateComplete;
      expect(shown(part(el, 'menu'))).to.equal(false);
    });

    it('says it in German', async () => {
      const { el } = await narrow(200, user(), 'de');
      await new Promise((r) => setTimeout(r, 50)); // the German catalog loads
      await el.updateComplete;
      expect(button(el).getAttribute('aria-label')).to.equal('Ihr Konto: Ada Lovelace');
    });

    it('nothing overflows at 320px, and the open menu stays on the screen, with long names and emails', async () => {
      for (const width of [320, 260, 120]) {
        const { el } = await narrow(width, long);
        const box = el.parentElement!;
        expect(box.scrollWidth, `${width}px: overflows`).to.be.at.most(box.clientWidth);
        if (shown(button(el))) {
          button(el).click();
          await el.updateComplete;
          const menu = part(el, 'menu')!.getBoundingClientRect();
          expect(menu.left, `${width}px: menu off the left edge`).to.be.at.least(0);
          expect(menu.right).to.be.at.most(document.documentElement.clientWidth);
        }
        const name = part(el, 'name')!;
        expect(name.title).to.equal(long.name);
        expect(part(el, 'email')!.title).to.equal(long.email);
        expect(getComputedStyle(name).textOverflow).to.equal('ellipsis');
      }
    });

    it('is the wide row where there is room: "Sign out" on one line, beside the name', async () => {
      for (const profile of [user(), long]) {
        const { el } = await narrow(420, profile);
        expect(shown(button(el)), 'no avatar button').to.equal(false);
        const signOut = part(el, 'sign-out-button')!;
        expect(shown(signOut)).to.equal(true);
        const lineHeight = parseFloat(getComputedStyle(signOut).lineHeight) || 20;
        expect(signOut.getBoundingClientRect().height, '"Sign out" wraps').to.be.below(lineHeight * 2 + 8);
        expect(signOut.getBoundingClientRect().right).to.be.at.most(el.getBoundingClientRect().right + 0.5);
      }
    });
  });
});
