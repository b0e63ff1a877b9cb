import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { scripted } from '../../../../test/fixtures/scripted-client.js';
import { formReady } from '../../../../test/fixtures/stories.js';
import type { CiamLogin } from '../../login/login.js';
import '../../login/ciam-login.js';

const title = (el: CiamLogin) => el.shadowRoot!.querySelector('[part~="title"]')?.textContent?.trim();
const card = (el: CiamLogin) => el.shadowRoot!.querySelector('[part~="card"]')!;

describe('I18nController', () => {
  const pageLang = document.documentElement.lang;
  afterEach(() => {
    document.documentElement.lang = pageLang;
  });

  it('follows <html lang> when the page switches language after load', async () => {
    document.documentElement.lang = 'en';
    const el = await fixture<CiamLogin>(html`<ciam-login .client=${scripted('signedOut')}></ciam-login>`);
    expect(title(el)).to.equal('Sign in');
    document.documentElement.lang = 'de';
    await waitUntil(() => title(el) === 'Anmelden', 'the first screen stayed in English');
    document.documentElement.lang = 'en';
    await waitUntil(() => title(el) === 'Sign in', 'the first screen stayed in German');
  });

  it('speaks French, Spanish and Japanese, loaded when the page or the attribute asks', async () => {
    document.documentElement.lang = 'fr-CA';
    const el = await fixture<CiamLogin>(html`<ciam-login .client=${scripted('signedOut')}></ciam-login>`);
    await waitUntil(() => title(el) === 'Connexion', 'French');
    document.documentElement.lang = 'es';
    await waitUntil(() => title(el) === 'Iniciar sesión', 'Spanish');
    el.setAttribute('locale', 'ja');
    await waitUntil(() => title(el) === 'ログイン', 'Japanese');
    document.documentElement.lang = 'en';
  });

  it('without any lang on the page, takes the first of navigator.languages it has a catalog for', async () => {
    document.documentElement.removeAttribute('lang');
    const languages = Object.getOwnPropertyDescriptor(Navigator.prototype, 'languages')!;
    Object.defineProperty(Navigator.prototype, 'languages', { configurable: true, get: () => ['rm-CH', 'es-MX', 'en'] });
    try {
      const el = await fixture<CiamLogin>(html`<ciam-login .client=${scripted('signedOut')}></ciam-login>`);
      await waitUntil(() => title(el) === 'Iniciar sesión', `Spanish, not ${title(el)}`);
    } finally {
      Object.defineProperty(Navigator.prototype, 'languages', languages);
    }
  });

  it('says its own language on the host, for screen readers and line breaking, and takes it back when the locale goes', async () => {
    document.documentElement.lang = 'en';
    const el = await fixture<CiamLogin>(html`<ciam-login locale="ja" .client=${scripted('embeddedPassword')}></ciam-login>`);
    await formReady(el);
    const japanese = /[\u3040-\u30ff\u4e00-\u9faf]/;
    await waitUntil(() => japanese.test(title(el) ?? ''), `Japanese, not ${title(el)}`);
    expect(el.lang).to.equal('ja');
    const input = el.querySelector('input[name="password"]')!;
    expect(input.closest('[lang]'), 'the light-DOM form is Japanese too').to.equal(el);
    expect([getComputedStyle(card(el)).wordBreak, getComputedStyle(card(el)).lineBreak]).to.deep.equal(['auto-phrase', 'strict']);
    el.removeAttribute('locale');
    await waitUntil(() => !japanese.test(title(el) ?? ''), 'back to the page’s English');
    expect(el.hasAttribute('lang')).to.equal(false);

    const own = await fixture<CiamLogin>(html`<ciam-login lang="de" .client=${scripted('signedOut')}></ciam-login>`);
    await waitUntil(() => title(own) === 'Anmelden', 'the app’s lang on the element');
    expect(own.lang, 'a lang the app set stays').to.equal('de');
  });

  it('speaks Arabic right to left: its own locale sets the card’s dir; a page in Arabic sets its own', async () => {
    document.documentElement.lang = 'en';
    const el = await fixture<CiamLogin>(html`<ciam-login locale="ar-EG" .client=${scripted('signedOut')}></ciam-login>`);
    await waitUntil(() => title(el) === 'تسجيل الدخول', 'Arabic');
    expect(card(el).getAttribute('dir')).to.equal('rtl');
    el.removeAttribute('locale');
    document.documentElement.lang = 'ar';
    await waitUntil(() => card(el).getAttribute('dir') === null, 'the card kept rtl after the attribute went');
    expect(title(el)).to.equal('تسجيل الدخول');
    document.documentElement.lang = 'en';
    await waitUntil(() => title(el) === 'Sign in', 'the first screen stayed in Arabic');
  });

  it('keeps its own locale attribute over the page language', async () => {
    document.documentElement.lang = 'en';
    const el = await fixture<CiamLogin>(html`<ciam-login locale="de" .client=${scripted('signedOut')}></ciam-login>`);
    await waitUntil(() => title(el) === 'Anmelden');
    document.documentElement.lang = 'fr';
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(title(el)).to.equal('Anmelden');
  });

  it('renders once when its catalog is already here (a second update would only delay the first paint)', async () => {
    document.documentElement.lang = 'en';
    const login = customElements.get('ciam-login') as unknown as { prototype: { update: (this: unknown, changed: unknown) => void } };
    const update = login.prototype.update;
    let updates = 0;
    login.prototype.update = function (this: unknown, changed: unknown) {
      updates++;
      update.call(this, changed);
    };
    try {
      const el = await fixture<CiamLogin>(html`<ciam-login .client=${scripted('signedOut')}></ciam-login>`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(title(el)).to.equal('Sign in');
      expect(updates).to.equal(1);
    } finally {
      login.prototype.update = update;
    }
  });
});
