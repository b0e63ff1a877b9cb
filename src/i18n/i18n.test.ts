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
import { addDefaultMessages, directionOf, loadLocale, preferredLanguage, registerMessages, translate } from './index.js';

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

/** `{name}` and `{name, plural, …}` alike, sorted: a translation may move them but not drop, add or rename one. */
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]).sort();
/** The form names of each plural placeholder: `one`, `other`, `=0`… */
const pluralForms = (text: string) => [...text.matchAll(/\{\w+, plural,(.*?\})\s*\}/g)].map((m) => [...m[1].matchAll(/(\S+) \{[^}]*\}/g)].map((f) => f[1]));

describe('catalogs', () => {
  it('has an English message for every error code', () => {
    for (const code of CiamErrorCodes) assert.ok(`error.${code}` in english, `error.${code}`);
  });
  it('English plurals name only forms English has, and other', () => {
    for (const [id, text] of Object.entries(english)) for (const forms of pluralForms(text)) assert.deepEqual(forms, ['one', 'other'], id);
  });
  for (const [language, catalog] of Object.entries({ de, fr, es, ja, ar })) {
    it(`${language} covers every English id, with the same placeholders (in any order), and nothing else`, () => {
      for (const [id, text] of Object.entries(english)) {
        const translated = (catalog as Record<string, string>)[id];
        assert.ok(translated, `${language}: ${id}`);
        assert.deepEqual(placeholders(translated), placeholders(text), `${language}: ${id}`);
        for (const forms of pluralForms(translated)) {
          const known = new Intl.PluralRules(language).resolvedOptions().pluralCategories as string[];
          assert.deepEqual(
            forms.filter((form) => !known.includes(form) && !/^=\d+$/.test(form)),
            [],
            `${language}: ${id} has forms ${language} does not use (${known.join(', ')})`,
          );
          assert.ok(forms.includes('other'), `${language}: ${id} needs an 'other' form`);
        }
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
  it('picks plural forms by Intl.PluralRules and writes numbers the locale’s way', async () => {
    assert.equal(translate('en', 'error.rate_limited', { seconds: 1 }), 'Too many attempts. You can try again in 1 second.');
    assert.equal(translate('en', 'password.more', { count: 1 }), '1 more character');
    assert.equal(translate('en', 'password.more', { count: 1200 }), '1,200 more characters');
    await loadLocale('fr');
    assert.equal(translate('fr', 'password.more', { count: 1 }), 'Encore 1 caractère');
    assert.equal(translate('fr', 'password.more', { count: 0 }), 'Encore 0 caractère', 'French counts 0 as one');
    assert.equal(translate('fr', 'password.more', { count: 3 }), 'Encore 3 caractères');
    assert.equal(translate('fr', 'password.more', { count: 1_000_000 }), 'Encore 1\u202f000\u202f000 de caractères', 'French "many"');
    await loadLocale('de');
    assert.equal(translate('de', 'error.rate_limited', { seconds: 1 }), 'Zu viele Versuche. Sie können es in 1 Sekunde erneut versuchen.');
    assert.equal(translate('de', 'error.rate_limited', { seconds: 90 }), 'Zu viele Versuche. Sie können es in 90 Sekunden erneut versuchen.');
    assert.equal(
      translate('en', 'password.more', { count: 0 }, { 'password.more': '{count, plural, =0 {Enough} one {# to go} other {# to go}}' }),
      'Enough',
      'an exact form comes before the rules',
    );
    await loadLocale('ar');
    assert.match(translate('ar', 'error.rate_limited', { seconds: 2 }), /ثانيتين/, 'Arabic dual');
    assert.match(translate('ar', 'error.rate_limited', { seconds: 5 }), /5 ثوانٍ/, 'Arabic few (3–10)');
    assert.match(translate('ar', 'error.rate_limited', { seconds: 30 }), /30 ثانية/, 'Arabic many (11–99)');
    assert.equal(translate('en', 'login.status.signedIn', { name: '{count}' }), 'Signed in as {count}.', 'values are not read as templates');
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

describe('preferredLanguage', () => {
  it('takes the first of the browser’s languages there is a catalog for', () => {
    assert.equal(preferredLanguage(['rm-CH', 'fr-CH', 'de']), 'fr-CH', 'no Romansh catalog: the next one');
    assert.equal(preferredLanguage(['ja-JP', 'en-US']), 'ja-JP');
    assert.equal(preferredLanguage(['en-GB', 'de']), 'en-GB');
    assert.equal(preferredLanguage(['rm', 'xx']), 'en', 'none: English');
    assert.equal(preferredLanguage([]), 'en');
    registerMessages('nl', { 'login.signIn': 'Inloggen' });
    assert.equal(preferredLanguage(['nl-BE', 'de']), 'nl-BE', 'an app’s own messages count');
  });
});
