import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CiamErrorCodes } from '../core/error-codes.js';
import { ar } from './ar.js';
import { de } from './de.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { ja } from './ja.js';
import { en } from './en.js';
import { enForms } from './en-forms.js';
import { enSteps } from './en-steps.js';
import { enPasskey } from './en-passkey.js';
import { enOffer } from './en-offer.js';
import { enSession } from './en-session.js';
import { enConnections } from './en-connections.js';
import { enProfile } from './en-profile.js';
import { enConsent } from './en-consent.js';
import { enConsentRequest } from './en-consent-request.js';
import { enTimeout } from './en-timeout.js';
import { enSessions } from './en-sessions.js';
import { enLink } from './en-link.js';
import { enOrganizations } from './en-organizations.js';
import { enGuest } from './en-guest.js';
import { addDefaultMessages, directionOf, loadLocale, registerMessages, translate } from './index.js';

const english = {
  ...en,
  ...enForms,
  ...enSteps,
  ...enSession,
  ...enPasskey,
  ...enOffer,
  ...enConnections,
  ...enProfile,
  ...enConsent,
  ...enConsentRequest,
  ...enTimeout,
  ...enSessions,
  ...enLink,
  ...enOrganizations,
  ...enGuest,
};
addDefaultMessages('en', { ...enForms, ...enSteps });

describe('catalogs', () => {
  it('has an English message for every error code', () => {
    for (const code of CiamErrorCodes) assert.ok(`error.${code}` in english, `error.${code}`);
  });
  for (const [language, catalog] of Object.entries({ de, fr, es, ja, ar })) {
    it(`${language} covers every English id, with the same placeholders (in any order), and nothing else`, () => {
      const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
      for (const [id, text] of Object.entries(english)) {
        const translated = (catalog as Record<string, string>)[id];
        assert.ok(translated, `${language}: ${id}`);
        assert.deepEqual(placeholders(translated), placeholders(text), `${language}: ${id}`);
      }
      assert.deepEqual(
        Object.keys(catalog).filter((id) => !(id in english)),
        [],
        `${language}: ids English does not have`,
      );
    });
  }
});

describe('translate', () => {
  it('fills placeholders and falls back to English', () => {
    assert.equal(translate('xx', 'error.rate_limited', { seconds: 9 }), 'Too many attempts. You can try again in 9 seconds.');
  });
  it('loads German on demand and matches regional locales', async () => {
    await loadLocale('de-AT');
    assert.equal(translate('de-AT', 'login.signIn'), 'Anmelden');
  });
  it('lets apps override per element and globally; an override given before a catalog loads still wins, the rest comes from it', async () => {
    assert.equal(translate('en', 'login.title', undefined, { 'login.title': 'Welcome back' }), 'Welcome back');
    registerMessages('pt', { 'login.signIn': 'Entrar' });
    assert.equal(translate('pt-BR', 'login.signIn'), 'Entrar');
    assert.equal(translate('pt', 'login.signUp'), 'Create account', 'no Portuguese catalog: English');
    registerMessages('es', { 'login.title': 'Bienvenido' });
    await loadLocale('es');
    assert.equal(translate('es', 'login.title'), 'Bienvenido');
    assert.equal(translate('es', 'login.signUp'), (await import('./es.js')).es['login.signUp']);
  });
  it('loads French, Spanish and Japanese on demand', async () => {
    await Promise.all([loadLocale('fr-CA'), loadLocale('es-MX'), loadLocale('ja')]);
    assert.equal(translate('fr-CA', 'login.signIn'), 'Se connecter');
    assert.equal(translate('es-MX', 'login.signIn'), 'Iniciar sesión');
    assert.equal(translate('ja-JP', 'login.signIn'), 'ログイン');
  });
  it('loads Arabic on demand for any region', async () => {
    await loadLocale('ar-EG');
    assert.equal(translate('ar-EG', 'login.signIn'), 'تسجيل الدخول');
    assert.equal(translate('ar-SA', 'login.signUp'), 'إنشاء حساب');
  });
  it('knows right-to-left languages', () => {
    assert.equal(directionOf('ar-EG'), 'rtl');
    assert.equal(directionOf('he'), 'rtl');
    assert.equal(directionOf('de'), 'ltr');
  });
});
