/**
 * What makes the foreign OP stricter than node-oidc-provider's defaults, as
 * Koa middleware placed before the provider's own routes (provider.use()), plus
 * the nonce rule. Each one is something real providers do that the demo OP does not.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as oidc from 'oidc-provider';

/** The part of Koa's context these middlewares and the pages use. */
export interface KoaContext {
  method: string;
  path: string;
  status: number;
  type: string;
  body: unknown;
  req: IncomingMessage;
  res: ServerResponse;
  get(header: string): string;
  set(header: string, value: string): void;
  remove(header: string): void;
  redirect(url: string): void;
  response: { headers: Record<string, unknown>; get(header: string): string };
}
export type Middleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;

/** node-oidc-provider is a Koa app; the demo's ambient types (demo/op/vendor-types.d.ts) leave that out. */
export function asKoa(provider: oidc.Provider): { use(middleware: Middleware): void } {
  return provider as unknown as { use(middleware: Middleware): void };
}

/** The provider's own error classes (not in the ambient types either). */
const { InvalidRequest } = (oidc as unknown as { errors: { InvalidRequest: new (description: string) => Error } }).errors;

/**
 * Authorization requests without `nonce` are refused, as several real OPs do
 * for every response type. Runs as an extraParams validator, i.e. after the
 * client and redirect_uri checks, so the error is redirected to the app.
 */
export async function requireNonce(_ctx: unknown, value: string | undefined): Promise<void> {
  if (!value) throw new InvalidRequest('missing required parameter: nonce');
}

/**
 * CORS for one origin only. node-oidc-provider answers every preflight with the
 * caller's origin and clientBasedCORS only guards the actual requests; here any
 * other origin gets no Access-Control-* header at all on these paths.
 * Discovery and JWKS stay readable from anywhere, as they are at real OPs.
 */
export function oneOriginCors(appOrigin: string, paths: string[]): Middleware {
  return async (ctx, next) => {
    await next();
    const origin = ctx.get('Origin');
    if (!origin || origin === appOrigin || !paths.some((path) => ctx.path === path || ctx.path.startsWith(`${path}/`))) return;
    for (const header of Object.keys(ctx.response.headers)) {
      if (header.toLowerCase().startsWith('access-control-')) ctx.remove(header);
    }
  };
}

/**
 * Revocation is for authenticated clients, and this OP's only client is public
 * (no secret): every revocation request is refused as an unauthenticated client,
 * before the provider sees it, so nothing is revoked. The body stays unread.
 */
export function refuseRevocation(path: string): Middleware {
  return async (ctx, next) => {
    if (ctx.path !== path || ctx.method !== 'POST') return next();
    ctx.status = 401;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { error: 'invalid_client', error_description: 'client authentication is required to revoke tokens' };
    // oneOriginCors removes this for any other origin.
    const origin = ctx.get('Origin');
    if (origin) {
      ctx.set('Access-Control-Allow-Origin', origin);
      ctx.set('Vary', 'Origin');
    }
  };
}

/**
 * RP-initiated logout returns to the app's post_logout_redirect_uri only when the
 * request carried `state`; without it the user stays on our "signed out" page.
 * The provider has already ended the session by then (GET or POST logout alike).
 */
export function logoutNeedsState(confirmPath: string, signedOutUrl: string): Middleware {
  return async (ctx, next) => {
    await next();
    if (ctx.path !== confirmPath || ctx.status !== 303) return;
    const location = new URL(ctx.response.get('Location'), signedOutUrl);
    if (location.origin !== new URL(signedOutUrl).origin && !location.searchParams.has('state')) {
      ctx.status = 303;
      ctx.redirect(signedOutUrl);
    }
  };
}
