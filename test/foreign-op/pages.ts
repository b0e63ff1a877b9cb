/**
 * The foreign OP's own pages: a plain server-rendered login form (no scripts,
 * nothing from ciam-elements), consent given without asking, logout
 * confirmation, "signed out" and errors. It should look like someone else's provider.
 */
import type { Provider } from 'oidc-provider';
import type { KoaContext, Middleware } from './strict.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'";
const STYLE =
  'body{font:16px/1.4 Arial,sans-serif;background:#f0f0f0;margin:0}header{background:#393f45;color:#fff;padding:12px 24px;font-weight:bold;letter-spacing:2px}main{background:#fff;max-width:380px;margin:48px auto;padding:24px 32px;border-top:4px solid #0066cc}label{display:block;margin-top:12px}input{width:100%;box-sizing:border-box;padding:6px}button{margin-top:18px;padding:8px 16px;background:#0066cc;color:#fff;border:0}.alert{color:#a00;border:1px solid #a00;padding:8px}';

export function sendPage(ctx: Pick<KoaContext, 'status' | 'type' | 'body' | 'set'>, status: number, body: string): void {
  ctx.status = status;
  ctx.type = 'html';
  ctx.set('Content-Security-Policy', CSP);
  ctx.set('Cache-Control', 'no-store');
  ctx.body = body;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `content` is trusted markup; every interpolated value in it must be escaped by the caller. */
function layout(title: string, content: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title><style>${STYLE}</style></head>
<body><header>SHOP</header><main>${content}</main></body></html>`;
}

export function loginPage(action: string, email: string, error?: string): string {
  return layout(
    'Sign in to Shop',
    `<h1>Sign in to your account</h1>
${error ? `<p class="alert" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="${escape(action)}">
<label for="username">Email</label><input id="username" name="username" type="email" autocomplete="username" value="${escape(email)}" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>`,
  );
}

/** `form` is node-oidc-provider's hidden form (id "op.logoutForm", with its xsrf field). */
export function logoutPage(form: string): string {
  return layout('Logging out', `<h1>Do you want to log out?</h1>${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Log out</button>`);
}

export function signedOutPage(): string {
  return layout('Signed out', '<h1>You are signed out</h1><p>You may close this window.</p>');
}

export function errorPage(error: string, description?: string): string {
  return layout('Error', `<h1>We are sorry…</h1><p>${escape(error)}</p>${description ? `<p>${escape(description)}</p>` : ''}`);
}

/**
 * The interaction pages at <realm>/login-actions/<uid>: the login form while the
 * login prompt is pending; consent is granted as `consentScopes` says (a first-party
 * client, as real OPs configure their own apps), so that prompt never shows a page.
 */
export function createLoginActions(
  provider: Provider,
  realmPath: string,
  user: { id: string; email: string; password: string },
  consentScopes: (accountId: string, missing: string[]) => { grant: string[]; reject: string[] },
): Middleware {
  async function finish(ctx: KoaContext, result: Record<string, unknown>, merge: boolean) {
    const returnTo = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: merge });
    ctx.status = 303;
    ctx.redirect(returnTo);
  }

  return async (ctx, next) => {
    const uid = /^\/login-actions\/([\w-]+)$/.exec(ctx.path)?.[1];
    if (!uid) return next();
    if (ctx.method !== 'GET' && ctx.method !== 'POST') return sendPage(ctx, 405, errorPage('Method not allowed'));
    const interaction = await provider.interactionDetails(ctx.req, ctx.res).catch(() => undefined);
    // The cookie names the interaction; a stale URL must not act on a newer one.
    if (!interaction || interaction.uid !== uid)
      return sendPage(ctx, 400, errorPage('Your login attempt timed out.', 'Go back to the application and try again.'));

    if (interaction.prompt.name === 'login') {
      const action = `${realmPath}/login-actions/${uid}`;
      if (ctx.method === 'GET') return sendPage(ctx, 200, loginPage(action, ''));
      const form = await readForm(ctx);
      const email = (form.get('username') ?? '').trim();
      if (email.toLowerCase() !== user.email || form.get('password') !== user.password) {
        return sendPage(ctx, 200, loginPage(action, email, 'Invalid username or password.'));
      }
      return finish(ctx, { login: { accountId: user.id } }, false);
    }

    if (interaction.prompt.name === 'consent') {
      const accountId = interaction.session?.accountId;
      const clientId = String(interaction.params.client_id);
      const grant = interaction.grantId ? await provider.Grant.find(interaction.grantId) : accountId ? new provider.Grant({ accountId, clientId }) : undefined;
      if (!grant) return sendPage(ctx, 400, errorPage('invalid_request', 'Nobody is signed in for this request.'));
      const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = interaction.prompt.details as {
        missingOIDCScope?: string[];
        missingOIDCClaims?: string[];
        missingResourceScopes?: Record<string, string[]>;
      };
      const scopes = consentScopes(grant.accountId, missingOIDCScope ?? []);
      if (scopes.grant.length > 0) grant.addOIDCScope(scopes.grant.join(' '));
      if (scopes.reject.length > 0) grant.rejectOIDCScope(scopes.reject.join(' '));
      if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
      const grantId = await grant.save();
      return finish(ctx, { consent: interaction.grantId ? {} : { grantId } }, true);
    }

    return sendPage(ctx, 400, errorPage('invalid_request', `Unsupported prompt ${interaction.prompt.name}.`));
  };
}

async function readForm(ctx: KoaContext): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 16 * 1024) break; // a login form is a few short fields
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
