/**
 * Open redirects, checked where the elements decide: the return-to after a
 * sign-in (safeReturnTo, used by the machine's session part), the
 * redirect-uri and post-logout-redirect-uri (refused before discovery: a
 * `config` error) and the signup-url ("Create account" only at the OP or on
 * the page's origin). The browser half (redirects.spec.ts) drives the same
 * attributes through a real sign-in.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { config, discoveryDocument } from '../fixtures/session.js';
import { signUpMethod } from '../../src/core/config.js';
import { transition } from '../../src/core/machine/index.js';
import { safeReturnTo } from '../../src/core/redirects.js';
import type { Discovery } from '../../src/core/schemas/oidc.js';
import { parseUrl } from '../../src/core/url.js';
import { recordVectors } from './battery.js';
import { offOriginVectors } from './redirect-vectors.js';

const page = 'https://app.example.com/account';
const origin = new URL(page).origin;

/** Where the browser ends up for a path the machine puts in history (replaceState resolves it against the page). */
const landsOn = (path: string) => new URL(path, page).origin;

/** As the client resolves the attribute (ciam-client.ts `config`). */
const resolved = (value: string) => parseUrl(value, page)?.href ?? 'about:invalid';

describe('open redirect: return-to', () => {
  it('no vector leaves the page’s origin', () => {
    let rejected = 0;
    for (const vector of offOriginVectors) {
      const path = safeReturnTo(vector, page);
      if (path === null || (landsOn(path) === origin && !path.startsWith('//'))) rejected++;
      else assert.fail(`return-to ${JSON.stringify(vector)} gave ${path}`);
    }
    recordVectors('open redirect', offOriginVectors.length, rejected);
  });
});

describe('open redirect: redirect-uri and post-logout-redirect-uri', () => {
  for (const attribute of ['redirectUri', 'postLogoutRedirectUri'] as const) {
    it(`${attribute}: every vector off the origin is a config error before any request`, () => {
      let tried = 0;
      let rejected = 0;
      for (const vector of offOriginVectors) {
        const uri = resolved(vector);
        if (new URL(uri).origin === origin) continue; // e.g. `%2F%2Fevil.example/`: a path on this origin, harmless
        tried++;
        const { state, effects } = transition({ name: 'idle' }, { type: 'started', config: config({ [attribute]: uri }), pageUrl: page });
        assert.equal(state.name === 'error' && state.error.code, 'config', vector);
        assert.ok(!effects.some((e) => e.type === 'http'), vector);
        rejected++;
      }
      recordVectors('open redirect', tried, rejected);
    });
  }
});

describe('open redirect: signup-url', () => {
  it('no vector becomes the "Create account" target', () => {
    const withoutPrompts = discoveryDocument({ prompt_values_supported: undefined }) as Discovery;
    let rejected = 0;
    for (const vector of offOriginVectors) {
      const method = signUpMethod(config({ signupUrl: parseUrl(vector, page)?.href ?? vector }), withoutPrompts);
      if (method === null || (method.kind === 'url' && [origin, 'https://id.example.com'].includes(new URL(method.url).origin))) rejected++;
      else assert.fail(`signup-url ${JSON.stringify(vector)} gave ${JSON.stringify(method)}`);
    }
    recordVectors('open redirect', offOriginVectors.length, rejected);
  });
});
