import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { SEEDED_USER } from '../../demo/op/server.js';
import { pickLang } from '../../demo/op/locales.js';
import { consentPage, emailHtml, errorPage, logoutPage, postLogoutPage } from '../../demo/op/views.js';
import { Browser, authUrl, formAction, pkce, useTestOp } from './helpers.js';

describe("demo OP: its own pages in the user's language (ui_locales)", () => {
  const server = useTestOp();
  let issuer: string;
  before(() => {
    issuer = server().op.issuer;
  });

  /** The login page of a fresh authorization request with these extra parameters. */
  const loginPage = (browser: Browser, extra: Record<string, string> = {}) => browser.page(authUrl(issuer, pkce().challenge, { prompt: 'consent', ...extra }));

  it('ui_locales=de: the login fallback, its error and the consent page are German', async () => {
    const browser = new Browser(issuer);
    const login = await loginPage(browser, { ui_locales: 'de' });
    assert.equal(login.status, 200);
    assert.match(login.body, /<html lang="de">/);
    assert.match(login.body, /<title>Anmelden · Demo ID<\/title>/);
    assert.match(login.body, /<h1>Bei Demo ID anmelden<\/h1>/);
    assert.match(login.body, /<p class="lede">weiter zu <strong>Demo App<\/strong><\/p>/);
    assert.match(login.body, /<label for="email">E-Mail-Adresse<\/label>/);
    assert.match(login.body, /<label for="password">Passwort<\/label>/);
    assert.match(login.body, /<button type="submit" class="primary">Anmelden<\/button>/);
    assert.match(login.body, /<button type="submit" class="link">Abbrechen<\/button>/);
    assert.doesNotMatch(login.body, />Sign in<|>Cancel<|>Email</);

    const action = formAction(login.body, '/login');
    const wrong = await browser.page(action, { email: SEEDED_USER.email, password: 'not-the-password' });
    assert.match(wrong.body, /role="alert">E-Mail-Adresse oder Passwort ist falsch\.<\/p>/);

    const consent = await browser.page(action, { email: SEEDED_USER.email, password: SEEDED_USER.password });
    assert.match(consent.body, /<html lang="de">/);
    assert.match(consent.body, /<h1>Zugriff erlauben<\/h1>/);
    assert.match(consent.body, /<strong>Demo App<\/strong> möchte:/);
    assert.match(consent.body, /name="scope" value="email" checked> Ihre E-Mail-Adresse sehen<\/label>/);
    assert.match(consent.body, /Angemeldet als <strong><span class="email"/);
    assert.match(consent.body, /<button type="submit" class="primary">Erlauben<\/button>/);
    assert.match(consent.body, /<button type="submit" class="secondary">Ablehnen<\/button>/);
  });

  it('takes the first language it has from the list, and English otherwise', async () => {
    const german = await loginPage(new Browser(issuer), { ui_locales: 'fr-CA de-CH en' });
    assert.match(german.body, /<h1>Bei Demo ID anmelden<\/h1>/);
    const english = await loginPage(new Browser(issuer), { ui_locales: 'fr en de' });
    assert.match(english.body, /<html lang="en">/);
    assert.match(english.body, /<h1>Sign in to Demo ID<\/h1>/);
    const none = await loginPage(new Browser(issuer));
    assert.match(none.body, /<h1>Sign in to Demo ID<\/h1>/);
  });

  it('pickLang reads BCP 47 lists, regions and case included', () => {
    assert.equal(pickLang('de'), 'de');
    assert.equal(pickLang('DE-at'), 'de');
    assert.equal(pickLang('  fr  de '), 'de');
    assert.equal(pickLang('es'), 'en');
    assert.equal(pickLang(undefined), 'en');
    assert.equal(pickLang(['de']), 'en');
  });

  it('the logout pages speak German when asked', () => {
    const logout = logoutPage('<form id="op.logoutForm"></form>', 'Demo App', 'de');
    assert.match(logout, /<html lang="de">/);
    assert.match(logout, /<h1>Von Demo ID abmelden\?<\/h1>/);
    assert.match(logout, /<strong>Demo App<\/strong> möchte Sie abmelden\. Das Abmelden beendet Ihre Demo ID-Sitzung in diesem Browser\./);
    assert.match(logout, />Abmelden<\/button>/);
    assert.match(logout, />Angemeldet bleiben<\/button>/);
    assert.match(postLogoutPage('Demo App', 'de'), /Sie haben sich von <strong>Demo App<\/strong> abgemeldet\. Sie können dieses Fenster schließen\./);
    assert.match(errorPage('server_error', undefined, 'de'), /Fehlercode: <code>server_error<\/code>\./);
    assert.match(logoutPage('', undefined), /<h1>Sign out of Demo ID\?<\/h1>/);
  });
});

describe('demo OP: a long email shown as who is signed in', () => {
  const LONG = 'maximiliane.wilhelmina.hohenzollern.sigmaringen@examplemail.com'; // 62 characters

  it('may break after the @ and before each dot, and carries the whole address as its title', () => {
    assert.equal(
      emailHtml(LONG).value,
      `<span class="email" title="${LONG}">maximiliane<wbr>.wilhelmina<wbr>.hohenzollern<wbr>.sigmaringen@<wbr>examplemail<wbr>.com</span>`,
    );
    assert.equal(emailHtml('a<b>@x.io').value, '<span class="email" title="a&lt;b&gt;@x.io">a&lt;b&gt;@<wbr>x<wbr>.io</span>');
  });

  it('the consent page shows it that way', () => {
    const page = consentPage({
      base: '/interaction/x',
      clientName: 'Demo App',
      email: LONG,
      scopes: [
        { scope: 'openid', required: true },
        { scope: 'email', required: false },
      ],
    });
    assert.match(page, /Signed in as <strong><span class="email" title="maximiliane\.[^"]+">maximiliane<wbr>\.wilhelmina/);
  });
});
