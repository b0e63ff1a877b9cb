import { html, raw } from './html.js';
import type { SafeHtml } from './html.js';
import type { Mail } from './mailbox.js';

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

function layout(title: string, content: SafeHtml, cardClass = 'card'): string {
  return html`<!doctype html>
<html lang="en">
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

function cancelForm(base: string, label = 'Cancel'): SafeHtml {
  return html`<form method="post" action="${base}/abort" class="secondary-action">
<button type="submit" class="link">${label}</button>
</form>`;
}

/** What a hosted page needs for its <ciam-login mode="hosted">. */
export interface HostedElement {
  issuer: string;
  clientId: string;
  /** POST /interaction/:uid/challenge (hosted.ts). */
  endpoint: string;
  loginHint: string;
}

/**
 * The element, and the server-rendered form inside <noscript> so the page
 * still works without JavaScript (the form posts to the same routes as ever).
 */
function hostedOr(hosted: HostedElement | undefined, intent: 'sign-in' | 'sign-up', form: SafeHtml): SafeHtml {
  if (!hosted) return form;
  const hint = hosted.loginHint ? html` login-hint="${hosted.loginHint}"` : html``;
  return html`<ciam-login mode="hosted" authority="${hosted.issuer}" client-id="${hosted.clientId}" challenge-endpoint="${hosted.endpoint}" intent="${intent}"${hint}><span slot="header"></span></ciam-login>
<script type="module" src="${ELEMENTS_PATH}ciam-login.js"></script>
<noscript>
${form}
</noscript>`;
}

export function loginPage(opts: { base: string; clientName: string; email: string; error?: FieldError; hosted?: HostedElement }): string {
  const { base, error } = opts;
  return layout(
    'Sign in',
    html`<h1>Sign in to ${BRAND}</h1>
<p class="lede">to continue to <strong>${opts.clientName}</strong></p>
${hostedOr(
  opts.hosted,
  'sign-in',
  html`${alert(error)}
<form method="post" action="${base}/login">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${opts.email}"${invalid(error, 'email')}${opts.email ? html`` : html` autofocus`}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${invalid(error, 'password')}${opts.email ? html` autofocus` : html``}>
<button type="submit" class="primary">Sign in</button>
</form>
<p class="alt">New to ${BRAND}? <a href="${base}/register">Create an account</a></p>`,
)}
${cancelForm(base)}`,
  );
}

export function registerPage(opts: { base: string; clientName: string; name: string; email: string; error?: FieldError; hosted?: HostedElement }): string {
  const { base, error } = opts;
  return layout(
    'Create account',
    html`<h1>Create your ${BRAND} account</h1>
<p class="lede">to continue to <strong>${opts.clientName}</strong></p>
${hostedOr(
  opts.hosted,
  'sign-up',
  html`${alert(error)}
<form method="post" action="${base}/register">
<label for="name">Full name</label>
<input id="name" name="name" type="text" autocomplete="name" required maxlength="200" value="${opts.name}"${invalid(error, 'name')}>
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="email" required value="${opts.email}"${invalid(error, 'email')}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="new-password" required minlength="15" aria-describedby="password-hint${error?.field === 'password' ? ' form-error' : ''}"${error?.field === 'password' ? html` aria-invalid="true"` : html``}>
<p class="hint" id="password-hint">At least 15 characters. A few random words work well.</p>
<button type="submit" class="primary">Create account</button>
</form>
<p class="alt">Already have an account? <a href="${base}/login">Sign in</a></p>`,
)}
${cancelForm(base)}`,
  );
}

const SCOPE_TEXT: Record<string, string> = {
  openid: 'Know who you are on Demo ID',
  profile: 'See your name',
  email: 'See your email address',
  offline_access: 'Stay connected while you are not using the app',
};

export function consentPage(opts: { base: string; clientName: string; email: string; scopes: string[] }): string {
  const items = opts.scopes.map((scope) => html`<li>${SCOPE_TEXT[scope] ?? scope}</li>`);
  return layout(
    'Allow access',
    html`<h1>Allow access</h1>
<p class="lede"><strong>${opts.clientName}</strong> would like to:</p>
<ul class="scopes">${items}</ul>
<p class="account">Signed in as <strong>${opts.email}</strong></p>
<form method="post" action="${opts.base}/confirm">
<button type="submit" class="primary">Allow</button>
</form>
<form method="post" action="${opts.base}/abort" class="secondary-action">
<button type="submit" class="secondary">Deny</button>
</form>`,
  );
}

/** `form` is oidc-provider's hidden logout form (id "op.logoutForm", xsrf input). */
export function logoutPage(form: string, clientName: string | undefined): string {
  return layout(
    'Sign out',
    html`<h1>Sign out of ${BRAND}?</h1>
<p class="lede">${clientName ? html`<strong>${clientName}</strong> asked to sign you out. ` : ''}Signing out ends your ${BRAND} session on this browser.</p>
${raw(form)}
<button type="submit" form="op.logoutForm" name="logout" value="yes" class="primary" autofocus>Sign out</button>
<button type="submit" form="op.logoutForm" class="secondary">Stay signed in</button>`,
  );
}

export function postLogoutPage(clientName: string | undefined): string {
  return layout(
    'Signed out',
    html`<h1>You are signed out</h1>
<p class="lede">${clientName ? html`You have signed out of <strong>${clientName}</strong>. ` : ''}You can close this window.</p>`,
  );
}

export function errorPage(error: string, description?: string): string {
  return layout(
    'Something went wrong',
    html`<h1>Something went wrong</h1>
<p class="lede">${description ?? 'The request could not be completed.'}</p>
<p class="hint">Error code: <code>${error}</code>. Go back to the app and try again.</p>`,
  );
}

/** The dev mailbox (mailbox.ts): every email the OP sent, newest first. */
export function mailboxPage(mails: Mail[], to: string | undefined): string {
  const items = mails.map(
    (mail) => html`<li class="mail">
<p class="mail-meta">To <strong>${mail.to}</strong> · <time datetime="${mail.created_at}">${mail.created_at.replace('T', ' ').slice(0, 19)} UTC</time></p>
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
