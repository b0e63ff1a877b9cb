import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CiamErrorCodes } from '../core/error-codes.js';
import { de } from './de.js';
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
  it('German covers every English id and keeps placeholders', () => {
    for (const [id, text] of Object.entries(english)) {
      const german = de[id as keyof typeof de];
      assert.ok(german, id);
      assert.deepEqual(german.match(/\{\w+\}/g), text.match(/\{\w+\}/g), id);
    }
  });
});

describe('translate', () => {
  it('fills placeholders and falls back to English', () => {
    assert.equal(translate('xx', 'error.rate_limited', { seconds: 9 }), 'Too many attempts. You can try again in 9 seconds.');
  });
  it('loads German on demand and matches regional locales', async () => {
    await loadLocale('de-AT');
    assert.equal(translate('de-AT', 'login.signIn'), 'Anmelden');
  });
  it('lets apps override per element and globally', () => {
    assert.equal(translate('en', 'login.title', undefined, { 'login.title': 'Welcome back' }), 'Welcome back');
    registerMessages('fr', { 'login.signIn': 'Se connecter' });
    assert.equal(translate('fr-CA', 'login.signIn'), 'Se connecter');
    assert.equal(translate('fr', 'login.signUp'), 'Create account');
  });
  it('knows right-to-left languages', () => {
    assert.equal(directionOf('ar-EG'), 'rtl');
    assert.equal(directionOf('he'), 'rtl');
    assert.equal(directionOf('de'), 'ltr');
  });
});
