import { emailBreakParts } from '../../src/core/email.js';
import { html, raw } from './html.js';
import type { SafeHtml } from './html.js';
import { isKnownScope, message, type Lang, type MessageKey } from './locales.js';
import type { Mail } from './mailbox.js';

export type { Lang };

/** A page text in `lang`; `{placeholders}` take text (escaped) or markup. */
function t(lang: Lang, key: MessageKey, params: Record<string, SafeHtml | string> = {}): SafeHtml {
  return html`${message(lang, key, { brand: BRAND, ...params })}`;
}

/**
 * An email shown as who is signed in: it may break after the @ and before each dot (<wbr>), so a
 * long one wraps where a reader expects, never mid-name; .email breaks anywhere only as a last resort.
 */
export function emailHtml(email: string): SafeHtml {
  return html`<span class="email" title="${email}">${emailBreakParts(email).map((part, i) => (i ? html`<wbr>${part}` : part))}</span>`;
}

// Server-rendered pages of the demo OP. No inline styles or scripts anywhere:
// everything must work under the CSP below. `frame-ancestors 'none'` keeps the
// sign-in and consent buttons from being clickjacked inside another site.
export const CSP = "default-src 'self'; base-uri 'none'; frame-ancestors 'none'";

/**
 * The hosted sign-in pages (<ciam-login mode="hosted">): scripts, styles and
 * fetches from the OP itself only; still no inline anything. `form-action`
 * gets the origin of the request's redirect_uri: Chrome and Safari check it
 * against every redirect a form submission leads to, and Cancel (and the
 * no-JS form) end in a redirect to the app.
 */
export function hostedCsp(redirectUri: string | undefined): string {
  const policy =
    "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
  let origin: string | undefined;
  try {
    const url = redirectUri ? new URL(redirectUri) : undefined;
    // http(s) origins only: nothing else is a valid (or safe) source expression here.
    if (url && (url.protocol === 'http:' || url.protocol === 'https:')) origin = url.origin;
  } catch {
    origin = undefined;
  }
  return origin ? `${policy} ${origin}` : policy;
}

/** Where the built elements are served (assets.ts). */
export const ELEMENTS_PATH = '/assets/elements/';

export const BRAND = 'Demo ID';

function layout(title: SafeHtml | string, content: SafeHtml, cardClass = 'card', lang: Lang = 'en'): string {
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${BRAND}</title>
<link rel="stylesheet" href="/op.css">
</head>
<body>
<main class="${cardClass}">
<p class="brand">${BRAND}</p>
${content}
</main>
</body>
</html>
`.value;
}

export interface FieldError {
  field: 'name' | 'email' | 'password' | 'form';
  message: string;
}

function alert(error: FieldError | undefined): SafeHtml {
  return error ? html`<p class="error" id="form-error" role="alert">${error.message}</p>` : html``;
}

/** aria attributes that tie an invalid input to the alert describing it. */
function invalid(error: FieldError | undefined, field: FieldError['field']): SafeHtml {
  return error?.field === field ? html` aria-invalid="true" aria-describedby="form-error"` : html``;
}

function cancelForm(base: string, lang: Lang): SafeHtml {
  return html`<form method="post" action="${base}/abort" class="secondary-action">
<button type="submit" class="link">${t(lang, 'cancel')}</button>
</form>`;
}

/** What a hosted page needs for its <ciam-login mode="hosted">. */
export interface HostedElement {
  issuer: string;
  clientId: string;
  /** POST /interaction/:uid/challenge (hosted.ts). */
  endpoint: string;
  loginHint: string;
  /** "Continue with …" providers, as the element's `social` attribute takes them (`social=Social ID`). */
  social: string;
}

/**
 * The element, and the server-rendered form inside <noscript> so the page
 * still works without JavaScript (the form posts to the same routes as ever).
 */
function hostedOr(hosted: HostedElement | undefined, intent: 'sign-in' | 'sign-up', form: SafeHtml): SafeHtml {
  if (!hosted) return form;
  const hint = hosted.loginHint ? html` login-hint="${hosted.loginHint}"` : html``;
  const social = hosted.social ? html` social="${hosted.social}"` : html``;
  return html`<ciam-login mode="hosted" authority="${hosted.issuer}" client-id="${hosted.clientId}" challenge-endpoint="${hosted.endpoint}" intent="${intent}"${hint}${social}><span slot="header"></span></ciam-login>
<script type="module" src="${ELEMENTS_PATH}ciam-login.js"></script>
<noscript>
${form}
</noscript>`;
}

/** "Continue with …" for the upstream IdPs a person picks by name (social ones; company IdPs are found by email). */
function providerButtons(base: string, providers: readonly { id: string; name: string }[], lang: Lang): SafeHtml {
  return html`${providers.map(
    (p) => html`<form method="get" action="${base}/federate/${p.id}" class="secondary-action">
<button type="submit" class="secondary">${t(lang, 'federation.continueWith', { provider: p.name })}</button>
</form>
`,
  )}`;
}

export function loginPage(opts: {
  base: string;
  clientName: string;
  email: string;
  error?: FieldError;
  hosted?: HostedElement;
  lang?: Lang;
  providers?: readonly { id: string; name: string }[];
}): string {
  const { base, error, lang = 'en' } = opts;
  return layout(
    t(lang, 'page.signIn'),
    html`<h1>${t(lang, 'login.heading')}</h1>
<p class="lede">${t(lang, 'login.continueTo', { client: html`<strong>${opts.clientName}</strong>` })}</p>
${hostedOr(
  opts.hosted,
  'sign-in',
  html`${alert(error)}
<form method="post" action="${base}/login">
<label for="email">${t(lang, 'field.email')}</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${opts.email}"${invalid(error, 'email')}${opts.email ? html`` : html` autofocus`}>
<label for="password">${t(lang, 'field.password')}</label>
<input id="password" name="password" type="password" autocomplete="current-password"${invalid(error, 'password')}${opts.email ? html` autofocus` : html``}>
<button type="submit" class="primary">${t(lang, 'login.submit')}</button>
</form>
${providerButtons(base, opts.providers ?? [], lang)}<p class="alt">${t(lang, 'login.new')} <a href="${base}/register">${t(lang, 'login.create')}</a></p>`,
)}
${cancelForm(base, lang)}`,
    'card',
    lang,
  );
}

export function registerPage(opts: {
  base: string;
  clientName: string;
  name: string;
  email: string;
  error?: FieldError;
  hosted?: HostedElement;
  lang?: Lang;
}): string {
  const { base, error, lang = 'en' } = opts;
  return layout(
    t(lang, 'page.createAccount'),
    html`<h1>${t(lang, 'register.heading')}</h1>
<p class="lede">${t(lang, 'login.continueTo', { client: html`<strong>${opts.clientName}</strong>` })}</p>
${hostedOr(
  opts.hosted,
  'sign-up',
  html`${alert(error)}
<form method="post" action="${base}/register">
<label for="name">${t(lang, 'field.name')}</label>
<input id="name" name="name" type="text" autocomplete="name" required maxlength="200" value="${opts.name}"${invalid(error, 'name')}>
<label for="email">${t(lang, 'field.email')}</label>
<input id="email" name="email" type="email" autocomplete="email" required value="${opts.email}"${invalid(error, 'email')}>
<label for="password">${t(lang, 'field.password')}</label>
<input id="password" name="password" type="password" autocomplete="new-password" required minlength="15" aria-describedby="password-hint${error?.field === 'password' ? ' form-error' : ''}"${error?.field === 'password' ? html` aria-invalid="true"` : html``}>
<p class="hint" id="password-hint">${t(lang, 'field.passwordHint')}</p>
<button type="submit" class="primary">${t(lang, 'register.submit')}</button>
</form>
<p class="alt">${t(lang, 'register.haveAccount')} <a href="${base}/login">${t(lang, 'register.signIn')}</a></p>`,
)}
${cancelForm(base, lang)}`,
    'card',
    lang,
  );
}

/**
 * Sign-up without JavaScript, after the form: the code from the email. The same page whether or
 * not the address has an account (that one got a notice instead of a code), so it tells nobody
 * which addresses are registered.
 */
export function verifyPage(opts: {
  base: string;
  email: string;
  authSession: string;
  error?: string;
  /** A new code went out just now. */
  resent?: boolean;
  lang?: Lang;
}): string {
  const { base, lang = 'en' } = opts;
  const action = `${base}/verify`;
  const email = html`<strong>${emailHtml(opts.email)}</strong>`;
  const error = opts.error ? html`<p class="error" id="form-error" role="alert">${opts.error}</p>` : html``;
  const resent = opts.resent ? html`<p role="status">${t(lang, 'verify.resent', { email })}</p>` : html``;
  const invalidMark = opts.error ? html` aria-invalid="true" aria-describedby="form-error"` : html``;
  return layout(
    t(lang, 'verify.page'),
    html`<h1>${t(lang, 'verify.heading')}</h1>
<p class="lede">${t(lang, 'verify.lead', { email })}</p>
${error}${resent}
<form method="post" action="${action}">
<input type="hidden" name="auth_session" value="${opts.authSession}">
<label for="code">${t(lang, 'verify.code')}</label>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required autofocus${invalidMark}>
<button type="submit" class="primary">${t(lang, 'verify.submit')}</button>
</form>
<form method="post" action="${action}" class="secondary-action">
<input type="hidden" name="auth_session" value="${opts.authSession}">
<input type="hidden" name="method" value="resend">
<button type="submit" class="secondary">${t(lang, 'verify.resend')}</button>
</form>
<p class="alt"><a href="${base}/login">${t(lang, 'verify.back')}</a></p>
${cancelForm(base, lang)}`,
    'card',
    lang,
  );
}

/** One requested scope on the consent page; required ones are granted with "Allow", the rest are up to the user. */
export interface ConsentScope {
  scope: string;
  required: boolean;
}

/**
 * The consent page. With `hosted`, it is <ciam-consent mode="hosted"> (posting to `hosted.endpoint`, which answers
 * JSON), given the OP's words for each scope as slotted text, with the same form inside <noscript>.
 */
export function consentPage(opts: {
  base: string;
  clientName: string;
  email: string;
  scopes: readonly ConsentScope[];
  lang?: Lang;
  hosted?: { endpoint: string };
}): string {
  const { lang = 'en', hosted } = opts;
  const words = (scope: string) => (isKnownScope(scope) ? t(lang, `scope.${scope}`) : html`<code>${scope}</code>`);
  const items = opts.scopes.map(({ scope, required }) =>
    required
      ? html`<li><input type="hidden" name="scope" value="${scope}">${words(scope)}</li>`
      : html`<li><label class="choice"><input type="checkbox" name="scope" value="${scope}" checked> ${words(scope)}</label></li>`,
  );
  const form = html`<p class="lede">${t(lang, 'consent.wouldLike', { client: html`<strong>${opts.clientName}</strong>` })}</p>
<form method="post" action="${opts.base}/confirm">
<ul class="scopes">${items}</ul>
<p class="account">${t(lang, 'consent.signedInAs', { email: html`<strong>${emailHtml(opts.email)}</strong>` })}</p>
<button type="submit" class="primary">${t(lang, 'consent.allow')}</button>
</form>
<form method="post" action="${opts.base}/abort" class="secondary-action">
<button type="submit" class="secondary">${t(lang, 'consent.deny')}</button>
</form>`;
  const required = opts.scopes.filter((s) => s.required).map((s) => s.scope);
  const slotted = opts.scopes.filter(({ scope }) => isKnownScope(scope)).map(({ scope }) => html`<span slot="scope-${scope}">${words(scope)}</span>`);
  return layout(
    t(lang, 'page.allowAccess'),
    html`<h1>${t(lang, 'page.allowAccess')}</h1>
${
  hosted
    ? html`<ciam-consent mode="hosted" endpoint="${hosted.endpoint}" client-name="${opts.clientName}" scopes="${opts.scopes.map((s) => s.scope).join(' ')}" required-scopes="${required.join(' ')}" account="${opts.email}"><span slot="header"></span>${slotted}</ciam-consent>
<script type="module" src="${ELEMENTS_PATH}ciam-consent.js"></script>
<noscript>
${form}
</noscript>`
    : form
}`,
    'card',
    lang,
  );
}

/** `form` is oidc-provider's hidden logout form (id "op.logoutForm", xsrf input). */
/** `lang`: from the logout request's `ui_locales` (RP-Initiated Logout §2), like the sign-in pages'. */
export function logoutPage(form: string, clientName: string | undefined, lang: Lang = 'en'): string {
  return layout(
    t(lang, 'page.signOut'),
    html`<h1>${t(lang, 'logout.heading')}</h1>
<p class="lede">${clientName ? html`${t(lang, 'logout.asked', { client: html`<strong>${clientName}</strong>` })} ` : ''}${t(lang, 'logout.lead')}</p>
${raw(form)}
<button type="submit" form="op.logoutForm" name="logout" value="yes" class="primary" autofocus>${t(lang, 'logout.submit')}</button>
<button type="submit" form="op.logoutForm" class="secondary">${t(lang, 'logout.stay')}</button>`,
    'card',
    lang,
  );
}

export function postLogoutPage(clientName: string | undefined, lang: Lang = 'en'): string {
  return layout(
    t(lang, 'page.signedOut'),
    html`<h1>${t(lang, 'signedOut.heading')}</h1>
<p class="lede">${clientName ? html`${t(lang, 'signedOut.from', { client: html`<strong>${clientName}</strong>` })} ` : ''}${t(lang, 'signedOut.close')}</p>`,
    'card',
    lang,
  );
}

export function errorPage(error: string, description?: string, lang: Lang = 'en'): string {
  return layout(
    t(lang, 'page.error'),
    html`<h1>${t(lang, 'page.error')}</h1>
<p class="lede">${description ?? t(lang, 'error.lead')}</p>
<p class="hint">${t(lang, 'error.code', { code: html`<code>${error}</code>` })}</p>`,
    'card',
    lang,
  );
}

/**
 * A legal document (consent purposes, legal.ts): its text as paragraphs (blank
 * lines split them). The hash users agree to is of that text, not of this page.
 */
export function documentPage(opts: { title: string; version: string; text: string; hash: string; changesUrl: string | null }): string {
  const paragraphs = opts.text.split(/\n\s*\n/).map(
    (p) => html`<p>${p.trim()}</p>
`,
  );
  const changes = opts.changesUrl ? html`<p class="hint"><a href="${opts.changesUrl}">What changed</a></p>` : html``;
  return layout(
    `${opts.title} ${opts.version}`,
    html`<h1>${opts.title}</h1>
<p class="lede">Version ${opts.version}</p>
<article class="document">
${paragraphs}</article>
${changes}
<p class="hint">Text hash: <code>${opts.hash}</code></p>`,
  );
}

// ---- federation (federation.ts) ----

/** "Prove it's you": an upstream says it is the owner of an existing account's email; link only after proof. */
export function proofPage(opts: {
  base: string;
  provider: string;
  email: string;
  hasPassword: boolean;
  /** The code form once a code went out. */
  codeSent: boolean;
  error?: string;
  lang?: Lang;
}): string {
  const { base, provider, lang = 'en' } = opts;
  const action = `${base}/federated`;
  const error = opts.error ? html`<p class="error" id="form-error" role="alert">${opts.error}</p>` : html``;
  const invalidMark = opts.error ? html` aria-invalid="true" aria-describedby="form-error"` : html``;
  const codeForm = html`<p>${t(lang, 'proof.codeSent', { email: html`<strong>${emailHtml(opts.email)}</strong>` })}</p>
<form method="post" action="${action}">
<label for="code">${t(lang, 'proof.code')}</label>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required autofocus${invalidMark}>
<button type="submit" class="primary">${t(lang, 'proof.submitCode')}</button>
</form>
<form method="post" action="${action}" class="secondary-action">
<input type="hidden" name="method" value="email_code">
<button type="submit" class="secondary">${t(lang, 'proof.resend')}</button>
</form>`;
  const passwordForm = html`${
    opts.hasPassword
      ? html`<form method="post" action="${action}">
<input type="hidden" name="username" value="${opts.email}" autocomplete="username">
<label for="password">${t(lang, 'field.password')}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required autofocus${invalidMark}>
<button type="submit" class="primary">${t(lang, 'proof.submitPassword')}</button>
</form>`
      : ''
  }
<form method="post" action="${action}" class="secondary-action">
<input type="hidden" name="method" value="email_code">
<button type="submit" class="${opts.hasPassword ? 'secondary' : 'primary'}">${t(lang, 'proof.sendCode')}</button>
</form>`;
  return layout(
    t(lang, 'proof.page', { provider }),
    html`<h1>${t(lang, 'proof.heading', { provider })}</h1>
<p class="lede">${t(lang, 'proof.lead', { email: html`<strong>${emailHtml(opts.email)}</strong>`, provider })}</p>
${error}
${opts.codeSent ? codeForm : passwordForm}
${cancelForm(base, lang)}`,
    'card',
    lang,
  );
}

/**
 * The upstream did not vouch for the email: no link, no new account. The same page whether or not
 * an account has that email, so it tells nobody anything new.
 */
export function refusedPage(opts: { base: string; provider: string; clientName: string; lang?: Lang }): string {
  const { base, provider, lang = 'en' } = opts;
  return layout(
    t(lang, 'refused.page'),
    html`<h1>${t(lang, 'refused.heading', { provider })}</h1>
<p class="lede">${t(lang, 'refused.lead', { provider })}</p>
<form method="post" action="${base}/abort">
<button type="submit" class="primary">${t(lang, 'refused.back', { client: opts.clientName })}</button>
</form>
<p class="alt"><a href="${base}/login">${t(lang, 'refused.signIn')}</a></p>`,
    'card',
    lang,
  );
}

/** GET of the "this wasn't me" link: changes nothing, asks first. */
export function unlinkPage(opts: { action: string; provider: string; email: string; lang?: Lang }): string {
  const { provider, lang = 'en' } = opts;
  return layout(
    t(lang, 'unlink.page', { provider }),
    html`<h1>${t(lang, 'unlink.heading', { provider })}</h1>
<p class="lede">${t(lang, 'unlink.lead', { provider, email: html`<strong>${emailHtml(opts.email)}</strong>` })}</p>
<form method="post" action="${opts.action}">
<button type="submit" class="primary">${t(lang, 'unlink.submit')}</button>
</form>`,
    'card',
    lang,
  );
}

/** Before connecting an upstream account from the app: which account it will open (a link URL can be passed to someone else). */
export function linkPage(opts: { action: string; cancel: string; provider: string; email: string; lang?: Lang }): string {
  const { provider, lang = 'en' } = opts;
  const email = html`<strong>${emailHtml(opts.email)}</strong>`;
  return layout(
    t(lang, 'link.page', { provider }),
    html`<h1>${t(lang, 'link.heading', { provider, email: emailHtml(opts.email) })}</h1>
<p class="lede">${t(lang, 'link.lead', { provider, email })}</p>
<form method="post" action="${opts.action}">
<button type="submit" class="primary">${t(lang, 'link.submit', { provider })}</button>
</form>
<p class="alt"><a href="${opts.cancel}">${t(lang, 'link.cancel')}</a></p>`,
    'card',
    lang,
  );
}

export function unlinkedPage(opts: { provider: string; lang?: Lang }): string {
  const { provider, lang = 'en' } = opts;
  return layout(
    t(lang, 'unlinked.heading', { provider }),
    html`<h1>${t(lang, 'unlinked.heading', { provider })}</h1>
<p class="lede">${t(lang, 'unlinked.lead')}</p>`,
    'card',
    lang,
  );
}

/** The dev mailbox (mailbox.ts): every email the OP sent, newest first. */
export function mailboxPage(mails: Mail[], to: string | undefined): string {
  const items = mails.map(
    (mail) => html`<li class="mail">
<p class="mail-meta">To <strong>${emailHtml(mail.to)}</strong> · <time datetime="${mail.created_at}">${mail.created_at.replace('T', ' ').slice(0, 19)} UTC</time></p>
<h2>${mail.subject}</h2>
<pre class="mail-text">${mail.text}</pre>
</li>`,
  );
  return layout(
    'Mailbox',
    html`<h1>Dev mailbox</h1>
<p class="lede">Emails ${BRAND} would have sent${to ? html` to <strong>${to}</strong>` : ''}, newest first. Development only.</p>
<form method="get" action="/mailbox" class="mail-filter">
<label for="to">Recipient</label>
<input id="to" name="to" type="email" value="${to ?? ''}" placeholder="all recipients">
<button type="submit" class="secondary">Filter</button>
</form>
${mails.length ? html`<ol class="mails">${items}</ol>` : html`<p class="hint">No emails yet.</p>`}
<p class="alt"><a href="/mailbox.json${to ? `?to=${encodeURIComponent(to)}` : ''}">As JSON</a></p>`,
    'card wide',
  );
}
