import { loadCommonPasswords } from './common-passwords.js';
import { checkPassword } from '../../src/core/policy/password.js';
import type { PasswordReason } from '../../src/core/policy/password.js';
import { revokeAccount } from './adapter.js';
import { BotGate, type BotCheckOptions } from './bot-check.js';
import { AuthSessionStore } from './auth-sessions.js';
import type { AuthSession } from './auth-sessions.js';
import type { OpDb } from './db.js';
import { accountExistsMail, newSignInMail, passwordChangedMail, recoveryCodeMail, signInCodeMail, signInLinkMail, verifyEmailMail } from './emails.js';
import { LINK_MINUTES, LinkStore, POLL_INTERVAL_S, isLinkValue, linkUrl, provesBrowser } from './email-links.js';
import type { MailContent } from './emails.js';
import { CODE_MINUTES, RESEND_AFTER_S, checkOneTimeCode, generateCode } from './one-time-code.js';
import type { OneTimeCode } from './one-time-code.js';
import { hashPassword } from './password.js';
import { Guests } from './guests.js';
import type { GuestOptions } from './guests.js';
import { GuessLimiter, SendLimit } from './rate-limit.js';
import type { Ticket } from './rate-limit.js';
import { EmailTakenError, isEmail, normalizeEmail } from './users.js';
import { parseAssertion, requestOptions, verifySignIn } from './webauthn.js';
import type { RelyingParty } from './webauthn.js';

// Sign-in, sign-up, recovery and passkey sign-in, shared by the two endpoints
// that run them: /challenge (challenge.ts, ends in an authorization code) and
// the hosted page's /interaction/:uid/challenge (hosted.ts, ends the OP
// interaction).
// Each flow starts with one request, gets an auth_session, and continues with
// it until the endpoint's `complete` ends it. Rules kept throughout
// (docs/first-party-challenge.md):
//  - no account enumeration: whether an email is registered changes who gets
//    which email, never the response (status, fields, methods) or its timing;
//  - failed guesses are reserved before the work and slowed down by growing
//    delays per address + account, per address and per account (rate-limit.ts);
//    code emails are limited the same three ways; one-time codes are
//    single-use, short-lived and allow few tries;
//  - a sign-in from a device the account had not used before is told to its
//    owner by email.

const SESSION_TTL_MS = 10 * 60 * 1000;
const BLOCKLIST = loadCommonPasswords();

const SIGNIN_METHODS = ['password', 'email_code'];
/** A /challenge flow can also send a sign-in link: it opens the app's page (the flow's redirect_uri); the hosted page has none to open. */
const LINK_SIGNIN_METHODS = [...SIGNIN_METHODS, 'email_link'];
const PASSKEY_METHODS = ['passkey'];
/** What a flow accepts once its code is out. */
const CODE_METHODS: Record<FlowState['flow'], string[]> = {
  signin: ['email_code'],
  signup: ['email_verification'],
  recover: ['recovery_code'],
  // Sends no code; listed so every flow has an entry.
  passkey: PASSKEY_METHODS,
};

export interface RateLimitOptions {
  /** Failed guesses (password, code, passkey) per client address + account before delays start (default 5). */
  attempts?: number;
  /** Failed guesses per client address over all accounts before delays start (default 20). */
  ipAttempts?: number;
  /** Failed guesses per account from any address before delays start (default 10). */
  accountAttempts?: number;
  /**
   * The first delay after the free guesses, in seconds (default 60); it doubles with each further failure,
   * up to 15 minutes per address (+ account) and 24 hours per account. A slowdown, never a lockout.
   */
  delaySeconds?: number;
  /** Code emails (sign-up/recovery starts, sign-in codes, resends) per client address + identifier (default 5). */
  starts?: number;
  /** Code emails per client address over all identifiers (default 20). */
  ipStarts?: number;
  /** Code emails per identifier from any address (default 10). */
  accountStarts?: number;
  /** Length of the code emails' sliding window (default 900 = 15 minutes). */
  windowSeconds?: number;
  /** Guest accounts (action=guest) per client address per hour (default 10). */
  guests?: number;
}

/** What the authorization code of a /challenge flow will be bound to (its first request). */
export interface CodeParams {
  scope: string;
  codeChallenge: string;
  redirectUri: string;
  nonce?: string;
  /** The organization (id or alias) the sign-in is for, checked once the user is known (org-tokens.ts). */
  organization?: string;
}

/**
 * Where a flow belongs, fixed when it starts: a /challenge flow carries its
 * authorization request; a hosted flow only the OP interaction it signs in
 * for. Each endpoint accepts only its own kind of auth_session.
 */
export type FlowTarget =
  | {
      request: CodeParams;
      /**
       * The RFC 7638 thumbprint of the DPoP key that started the flow (dpop.ts): every later request
       * must prove that key, so nobody else (a proxy, whoever read the auth_session) can continue it.
       */
      dpopJkt?: string;
      /** The guest account this flow may bind (guest_token, guest-flows.ts): sign-up makes it the account, sign-in asks. */
      guest?: string;
    }
  | { interaction: string };

export type FlowState = FlowTarget & {
  flow: 'signin' | 'signup' | 'recover' | 'passkey';
  /** The email/username as typed, normalized: where codes go and the rate-limit key ('' for passkey sign-in). */
  identifier: string;
  /** Sign-up only: the account to create once the email is verified. */
  signup?: { name: string; passwordHash: string };
  code?: OneTimeCode;
  /** When the last code email went out (epoch ms), for the resend limit. */
  sentAt?: number;
  /** Passkey sign-in: the WebAuthn challenge (base64url) handed out last; single-use. */
  passkey?: { challenge: string; expiresAt: number };
  /** A flow with a guest: who signed in, and how, while the user decides about the guest (guest_merge). */
  verified?: { accountId: string; acr: Acr; amr: string[] };
};

/** How the user authenticated: password, emailed one-time code, a passkey ("phishing-resistant"), or not at all (a guest). */
export type Acr = 'pwd' | 'otp' | 'phr' | 'guest';
/** The amr (RFC 8176 where it has a value) that goes with each acr; a guest used no method, so it gets none. */
export const AMR: Record<Acr, string[]> = { pwd: ['pwd'], otp: ['otp'], phr: ['webauthn'], guest: [] };
/**
 * A sign-in link proves the mailbox as a code does (acr "otp"), but it is not a code the user typed: amr
 * "email", which RFC 8176 does not register (none of its values fits), so apps can tell the two apart.
 */
const LINK_AMR = ['email'];
type Session = AuthSession<FlowState>;

/**
 * How a finished flow ends, decided by the endpoint: an authorization code
 * (/challenge) or the interaction's resume URL (hosted page). Called once the
 * auth_session is used up, with the account that is now signed in.
 */
export type Completion = (session: Session, accountId: string, acr: Acr, amr: string[]) => Promise<Reply>;

export interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** What both endpoints share: flows, and rate limits counted over both (no doubled budget). */
export interface Flows {
  db: OpDb;
  sessions: AuthSessionStore<FlowState>;
  /** Failed password, code and passkey guesses. */
  attempts: GuessLimiter;
  /** Emails with a code (or the sign-up notice). */
  sends: SendLimit;
  /** Passkeys: RP ID and the origins ceremonies may come from. */
  relyingParty: RelyingParty;
  /** Asks for a bot check before what costs something (bot-check.ts). */
  bots: BotGate;
  /** Sign-in links (email-links.ts). */
  links: LinkStore;
  /** Guest accounts: creation limit, binding, merging, expiry (guests.ts). */
  guests: Guests;
}

export interface FlowContext extends Flows {
  ip: string;
  /** The browser's User-Agent, for new-device notices. */
  userAgent: string;
  complete: Completion;
}

type Start = { action: FlowState['flow']; clientId: string; target: FlowTarget };
type Param = (name: string) => string | undefined;

const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;

export function createFlows(
  db: OpDb,
  relyingParty: RelyingParty,
  limits: RateLimitOptions = {},
  botCheck: BotCheckOptions = {},
  guests: Omit<GuestOptions, 'perAddressPerHour'> = {},
): Flows {
  const windowMs = (limits.windowSeconds ?? 15 * 60) * 1000;
  const firstDelayMs = (limits.delaySeconds ?? 60) * 1000;
  // Per address: delays up to 15 minutes, forgotten 15 minutes after the last one ends.
  const perAddress = { firstDelayMs, maxDelayMs: 15 * MINUTE_MS, forgetAfterMs: 15 * MINUTE_MS };
  return {
    db,
    sessions: new AuthSessionStore<FlowState>(db.sqlite),
    attempts: new GuessLimiter({
      pair: { ...perAddress, free: limits.attempts ?? 5, resetOnSuccess: true },
      address: { ...perAddress, free: limits.ipAttempts ?? 20, resetOnSuccess: false },
      // NIST SP 800-63B-4 §3.2.2: at most 100 consecutive failures per account. With 10 free, then 1 min doubling
      // up to a day, the 100th takes about 80 days; a success (or a reset) starts the count again.
      account: { firstDelayMs, maxDelayMs: DAY_MS, forgetAfterMs: 30 * DAY_MS, free: limits.accountAttempts ?? 10, resetOnSuccess: true },
    }),
    sends: new SendLimit(limits.starts ?? 5, limits.ipStarts ?? 20, limits.accountStarts ?? 10, windowMs),
    relyingParty,
    bots: new BotGate(botCheck),
    links: new LinkStore(db.sqlite),
    guests: new Guests(db, { ...guests, perAddressPerHour: limits.guests ?? 10 }),
  };
}

/** RFC 6749 §3.1: parameters must not be repeated. */
export function repeatedParameter(form: URLSearchParams): Reply | undefined {
  for (const key of new Set(form.keys())) {
    if (form.getAll(key).length > 1) return invalidRequest(`${key} was given more than once.`);
  }
  return undefined;
}

export async function runFlow(ctx: FlowContext, form: URLSearchParams, next: Session | Start): Promise<Reply> {
  const param: Param = (name) => form.get(name) || undefined;
  if ('action' in next) {
    switch (next.action) {
      case 'signin':
        return startSignIn(ctx, param, next);
      case 'signup':
        return startSignUp(ctx, param, next);
      case 'recover':
        return startRecovery(ctx, param, next);
      case 'passkey':
        return startPasskey(ctx, next);
    }
  }
  const session = next;
  // A flow with a guest that has signed someone in waits for the guest's fate, and takes nothing else.
  if (session.state.verified || param('guest_merge') !== undefined) return guestMergeStep(ctx, session, param('guest_merge'));
  const method = param('method');
  const code = param('code');
  switch (session.state.flow) {
    case 'signin': {
      const password = param('password');
      if (password !== undefined) return signInWithPassword(ctx, session, password);
      if (code !== undefined) return signInWithCode(ctx, session, code);
      if (method === 'email_code' || method === 'resend') return (await botCheck(ctx, param)) ?? sendCode(ctx, session);
      if (method === 'email_link') return (await botCheck(ctx, param)) ?? sendLink(ctx, session, param('link_challenge'));
      if (method === 'email_link_status') return linkStatus(ctx, session);
      if (method !== undefined && method !== 'password') return invalidRequest('method must be password, email_code, email_link, email_link_status or resend.');
      return insufficient(session, signInMethods(session.state));
    }
    case 'signup':
      if (code !== undefined) return verifySignUp(ctx, session, code);
      if (method === 'resend') return (await botCheck(ctx, param)) ?? sendCode(ctx, session);
      if (method !== undefined) return invalidRequest('method must be resend.');
      return insufficient(session, CODE_METHODS.signup);
    case 'recover': {
      if (method === 'resend') return (await botCheck(ctx, param)) ?? sendCode(ctx, session);
      if (method !== undefined) return invalidRequest('method must be resend.');
      if (code === undefined) return insufficient(session, CODE_METHODS.recover);
      const newPassword = param('new_password');
      if (newPassword === undefined) return invalidRequest('new_password is required with the recovery code.');
      return finishRecovery(ctx, session, code, newPassword);
    }
    case 'passkey': {
      const passkey = param('passkey');
      if (passkey !== undefined) return signInWithPasskey(ctx, session, passkey);
      if (method !== undefined && method !== 'passkey') return invalidRequest('method must be passkey.');
      return passkeyChallenge(ctx, session);
    }
  }
}

/** Before an email, an account or a guest: the OP may want a bot check first (bot-check.ts); null to go on. */
export function botCheck(ctx: FlowContext, param: Param): Promise<Reply | null> {
  return ctx.bots.check(ctx.ip, param('bot_proof'));
}

// ---- sign-in ----

function startSignIn(ctx: FlowContext, param: Param, { clientId, target }: Start): Reply {
  // login_hint is the draft's own name for the same thing.
  const username = (param('username') ?? param('login_hint'))?.trim();
  if (!username) return invalidRequest('username is required.');
  if (username.length > 254) return invalidRequest('username is too long.');
  // Nothing is looked up yet: the answer is the same for every username.
  const session = ctx.sessions.create(clientId, null, { ...target, flow: 'signin', identifier: normalizeEmail(username) }, SESSION_TTL_MS);
  return insufficient(session, signInMethods(target));
}

function signInMethods(target: FlowTarget): string[] {
  return 'request' in target ? LINK_SIGNIN_METHODS : SIGNIN_METHODS;
}

async function signInWithPassword(ctx: FlowContext, session: Session, password: string): Promise<Reply> {
  const { identifier } = session.state;
  // Reserved before the (slow) hash: parallel guesses count at once, and the ones over the limit never hash.
  const reserved = ctx.attempts.reserve(ctx.ip, identifier);
  if (!reserved.ok) return rateLimited(reserved.retryAfterSeconds);
  const { ticket } = reserved;
  // verifyCredentials runs scrypt against a dummy hash for unknown emails.
  const user = await ctx.db.users.verifyCredentials(identifier, password).catch((err: unknown) => {
    ticket.release();
    throw err;
  });
  if (!user) {
    ticket.fail();
    return insufficient(session, signInMethods(session.state), { reason: 'invalid_credentials', error_description: 'Wrong email or password.' });
  }
  ticket.succeed();
  return finish(ctx, session, user.id, 'pwd');
}

async function signInWithCode(ctx: FlowContext, session: Session, code: string): Promise<Reply> {
  const checked = checkCode(ctx, session, code);
  if ('reply' in checked) return checked.reply;
  const user = session.accountId ? ctx.db.users.findById(session.accountId) : undefined;
  // An unknown account got no email, so no code can be right; should a guess
  // match the unsent code anyway, it still signs nobody in.
  if (!user) return codeFailure(ctx, session, checked.ticket);
  checked.ticket.succeed();
  return finish(ctx, session, user.id, 'otp');
}

// ---- sign-up ----

async function startSignUp(ctx: FlowContext, param: Param, { clientId, target }: Start): Promise<Reply> {
  const email = param('email')?.trim() ?? '';
  const name = param('name')?.trim() ?? '';
  const password = param('password') ?? '';
  if (!isEmail(email)) return invalidEmail();
  if (name.length > 200)
    return { status: 400, body: { error: 'invalid_request', reason: 'invalid_name', error_description: 'Use at most 200 characters for the name.' } };
  const checked = checkPassword(password, { blocklist: BLOCKLIST, identifiers: [email, name] });
  if (!checked.ok) return weakPassword(checked.reason);
  const bot = await botCheck(ctx, param);
  if (bot) return bot;

  const identifier = normalizeEmail(email);
  const wait = ctx.sends.retryAfter(ctx.ip, identifier);
  if (wait) return rateLimited(wait);
  // Hashed now, for new and existing addresses alike (same work, same
  // timing), and kept only as a hash until the code proves the address.
  const passwordHash = await hashPassword(checked.normalized);
  const existing = ctx.db.users.findByEmail(identifier);
  const session = ctx.sessions.create(
    clientId,
    existing?.id ?? null,
    { ...target, flow: 'signup', identifier, signup: { name, passwordHash } },
    SESSION_TTL_MS,
  );
  return sendCode(ctx, session);
}

function verifySignUp(ctx: FlowContext, session: Session, code: string): Promise<Reply> | Reply {
  const checked = checkCode(ctx, session, code);
  if ('reply' in checked) return checked.reply;
  const { identifier, signup } = session.state;
  // An existing address got a notice, not a code: nothing to verify.
  if (session.accountId || !signup) return codeFailure(ctx, session, checked.ticket);
  let accountId: string;
  try {
    const account = { email: identifier, name: signup.name, passwordHash: signup.passwordHash };
    // Started by a guest: the guest becomes the account (same sub). A guest gone meanwhile: a new account as usual.
    const guest = 'request' in session.state ? session.state.guest : undefined;
    const user = (guest && ctx.guests.bind(guest, account)) || ctx.db.users.createWithHash({ ...account, emailVerified: true });
    accountId = user.id;
  } catch (err) {
    // Registered by someone else since the code was sent.
    if (err instanceof EmailTakenError) return codeFailure(ctx, session, checked.ticket);
    checked.ticket.release();
    throw err;
  }
  checked.ticket.succeed();
  // The device that signed up is the account's first: no "new sign-in" notice for it.
  ctx.db.devices.remember(accountId, { userAgent: ctx.userAgent, address: ctx.ip });
  return finish(ctx, session, accountId, 'otp');
}

// ---- recovery ----

async function startRecovery(ctx: FlowContext, param: Param, { clientId, target }: Start): Promise<Reply> {
  const email = param('email')?.trim() ?? '';
  if (!isEmail(email)) return invalidEmail();
  const bot = await botCheck(ctx, param);
  if (bot) return bot;
  const identifier = normalizeEmail(email);
  const wait = ctx.sends.retryAfter(ctx.ip, identifier);
  if (wait) return rateLimited(wait);
  const user = ctx.db.users.findByEmail(identifier);
  const session = ctx.sessions.create(clientId, user?.id ?? null, { ...target, flow: 'recover', identifier }, SESSION_TTL_MS);
  return sendCode(ctx, session);
}

async function finishRecovery(ctx: FlowContext, session: Session, code: string, newPassword: string): Promise<Reply> {
  const checked = checkCode(ctx, session, code, false);
  if ('reply' in checked) return checked.reply;
  const user = session.accountId ? ctx.db.users.findById(session.accountId) : undefined;
  if (!user) return codeFailure(ctx, session, checked.ticket);
  checked.ticket.succeed();
  // The code stays valid (not consumed, no try counted) so the user can pick
  // a better password without asking for a new code.
  const strong = checkPassword(newPassword, { blocklist: BLOCKLIST, identifiers: [user.email, user.name] });
  if (!strong.ok) return weakPassword(strong.reason);
  if (!ctx.sessions.consume(session)) return invalidSession();

  // The code reached the mailbox, so the address is verified as well.
  await ctx.db.users.setPassword(user.id, strong.normalized, true);
  // Whoever knew the old password may hold sessions and tokens: end them all,
  // and any other pending challenge flow of this account. A hosted flow's own
  // interaction survives (detached from the revoked session): it is how this
  // browser gets signed in again.
  const { state } = session;
  revokeAccount(ctx.db.sqlite, user.id, 'interaction' in state ? { keepInteraction: state.interaction } : {});
  ctx.sessions.dropAccount(user.id);
  // And every passkey: one planted by whoever had access (or made the account
  // before its owner, pre-hijacking) would otherwise outlive the reset. The
  // owner adds theirs again; the notice names what went (docs/decisions.md).
  const removed = ctx.db.passkeys.listByUser(user.id);
  for (const passkey of removed) ctx.db.passkeys.remove(user.id, passkey.id, true);
  // The guesses at the old password no longer matter.
  ctx.attempts.forgetAccount(user.email);
  ctx.db.devices.remember(user.id, { userAgent: ctx.userAgent, address: ctx.ip });
  ctx.db.mails.send({ to: user.email, ...passwordChangedMail(removed.map((p) => p.name)) });
  return ctx.complete(session, user.id, 'otp', AMR.otp);
}

// ---- passkey sign-in ----

function startPasskey(ctx: FlowContext, { clientId, target }: Start): Promise<Reply> {
  // Nobody is named: the passkey the user picks (a discoverable credential) says who it is.
  const session = ctx.sessions.create(clientId, null, { ...target, flow: 'passkey', identifier: '' }, SESSION_TTL_MS);
  return passkeyChallenge(ctx, session);
}

/**
 * insufficient_authorization with the options for navigator.credentials.get().
 * The pending challenge is repeated while it lives (asking again changes
 * nothing); a used or expired one is replaced by a new one.
 */
async function passkeyChallenge(ctx: FlowContext, session: Session, extra: Record<string, unknown> = {}): Promise<Reply> {
  const pending = session.state.passkey;
  const live = pending && Date.now() < pending.expiresAt ? pending.challenge : undefined;
  const options = await requestOptions(ctx.relyingParty, live);
  if (!live) {
    // As long as the auth session, not the ceremony's minutes: passkey autofill waits on the page
    // (conditional requests have no timeout), and after that invalid_session says "start over".
    session.state.passkey = { challenge: options.challenge, expiresAt: Date.now() + SESSION_TTL_MS };
    ctx.sessions.save(session);
  }
  return insufficient(session, PASSKEY_METHODS, { passkey_options: options, ...extra });
}

async function signInWithPasskey(ctx: FlowContext, session: Session, input: string): Promise<Reply> {
  const response = parseAssertion(input);
  if (!response) return invalidRequest('passkey must be the JSON of the credential from navigator.credentials.get() (AuthenticationResponseJSON).');
  // Keyed by the credential ID: the only identifier a passkey sign-in has.
  const reserved = ctx.attempts.reserve(ctx.ip, response.id);
  if (!reserved.ok) return rateLimited(reserved.retryAfterSeconds);

  // Used up before it is checked: a failed or replayed response cannot try the same challenge again.
  const pending = session.state.passkey;
  delete session.state.passkey;
  ctx.sessions.save(session);
  const result =
    pending && Date.now() < pending.expiresAt
      ? await verifySignIn(ctx.db.passkeys, ctx.relyingParty, response, pending.challenge)
      : { ok: false as const, description: 'The passkey request has expired.' };
  if (!result.ok) {
    reserved.ticket.fail();
    return passkeyChallenge(ctx, session, {
      reason: 'invalid_passkey',
      error_description: `${result.description} Try again or choose another way to sign in.`,
    });
  }
  reserved.ticket.succeed();
  return finish(ctx, session, result.value.userId, 'phr');
}

// ---- codes ----

/** Sends (or re-sends) the flow's code email; the response never says whether it went anywhere. */
function sendCode(ctx: FlowContext, session: Session): Reply {
  const now = Date.now();
  const { state } = session;
  const wait = takeSend(ctx, session, now);
  if (wait) return wait;

  // A code is made even when it goes nowhere, so later answers do not differ.
  const { code, record } = generateCode(now);
  state.code = record;

  const mail = codeMail(ctx, session, code);
  // Sent after the answer has gone out, as a mail queue would: writing it takes time that the answer
  // for an address without an account (no mail at all) would not, which would tell who has one.
  if (mail) sendAfterAnswer(ctx.db, { to: state.identifier, ...mail });
  ctx.sessions.save(session);
  return insufficient(session, CODE_METHODS[state.flow], { code_sent: true, resend_after: RESEND_AFTER_S });
}

/**
 * One more email for this flow, if its limits allow: 30 s after the last (code or link), and the sends
 * limits per address and identifier. Counts it, and keeps the flow 10 minutes from now. A refusal as the reply.
 */
function takeSend(ctx: FlowContext, session: Session, now: number): Reply | undefined {
  const { state } = session;
  if (state.sentAt !== undefined && now - state.sentAt < RESEND_AFTER_S * 1000) {
    return rateLimited(Math.ceil((state.sentAt + RESEND_AFTER_S * 1000 - now) / 1000));
  }
  const wait = ctx.sends.retryAfter(ctx.ip, state.identifier);
  if (wait) return rateLimited(wait);
  ctx.sends.hit(ctx.ip, state.identifier);
  state.sentAt = now;
  // The flow lives 10 minutes from its start or its last email, whichever is later.
  session.expiresAt = Math.max(session.expiresAt, now + SESSION_TTL_MS);
  return undefined;
}

// ---- sign-in links (email-links.ts) ----

/**
 * Emails a sign-in link for this flow (a new one replaces the last). Like a code: the same answer
 * whether the address has an account, and a link is made either way; only an account gets the email.
 */
function sendLink(ctx: FlowContext, session: Session, challenge: string | undefined): Reply {
  const { state } = session;
  if (!('request' in state)) return invalidRequest('Sign-in links open the app: only flows of the challenge endpoint send them.');
  // Without a challenge (a browser that cannot keep the verifier) the link works too, with a question on every device.
  if (challenge !== undefined && !isLinkValue(challenge))
    return invalidRequest('link_challenge must be the base64url SHA-256 of a verifier this browser keeps.');
  const now = Date.now();
  const wait = takeSend(ctx, session, now);
  if (wait) return wait;
  session.accountId = ctx.db.users.findByEmail(state.identifier)?.id ?? null;
  const token = ctx.links.issue(session.id, challenge ?? '', ctx.userAgent, now);
  if (session.accountId) sendAfterAnswer(ctx.db, { to: state.identifier, ...signInLinkMail(linkUrl(state.request.redirectUri, token), LINK_MINUTES) });
  ctx.sessions.save(session);
  return insufficient(session, ['email_link'], { link_sent: true, resend_after: RESEND_AFTER_S, interval: POLL_INTERVAL_S });
}

/**
 * The waiting browser asks whether its link was used, as a device asks in RFC 8628 (§3.5):
 * authorization_pending until then, slow_down when it asks too often, access_denied when the link
 * declined the sign-in, expired_token after 10 minutes; the authorization code once approved.
 */
function linkStatus(ctx: FlowContext, session: Session): Promise<Reply> | Reply {
  const link = ctx.links.ofSession(session.id);
  if (!link) return invalidRequest('No sign-in link was sent in this flow.');
  if (link.status === 'approved' && session.accountId) {
    ctx.links.forget(session.id);
    return finish(ctx, session, session.accountId, 'otp', LINK_AMR);
  }
  if (link.status === 'declined') {
    ctx.links.forget(session.id);
    ctx.sessions.consume(session);
    return { status: 400, body: { error: 'access_denied', error_description: 'The sign-in was declined from the link in the email.' } };
  }
  if (Date.now() >= link.expiresAt) {
    return {
      status: 400,
      body: { error: 'expired_token', auth_session: session.value, error_description: 'The sign-in link has expired. Ask for a new one.' },
    };
  }
  if (ctx.links.tooSoon(session.id)) return { status: 400, body: { error: 'slow_down', auth_session: session.value, interval: POLL_INTERVAL_S * 2 } };
  return { status: 400, body: { error: 'authorization_pending', auth_session: session.value, interval: POLL_INTERVAL_S } };
}

/**
 * The link's page asks what the link is for (`link`), and decides: the asking browser by its verifier
 * (`link_verifier`), any other by `approve=yes|no` after it showed which device asked. Looking changes
 * nothing. Tokens are 256-bit random, but wrong ones still count as failed guesses per address.
 */
export function openLink(flows: Flows, ip: string, clientId: string, param: Param): Reply {
  const token = param('link');
  const approve = param('approve');
  if (approve !== undefined && approve !== 'yes' && approve !== 'no') return invalidRequest('approve must be yes or no.');
  const reserved = flows.attempts.reserve(ip, 'email-link', Date.now(), { perAccount: false });
  if (!reserved.ok) return rateLimited(reserved.retryAfterSeconds);
  const link = isLinkValue(token) ? flows.links.open(token) : undefined;
  const session = link && flows.sessions.findById(link.sessionId, clientId);
  if (!token || !link || !session?.accountId) {
    reserved.ticket.fail();
    return invalidLink();
  }
  reserved.ticket.release();
  const sameBrowser = provesBrowser(link, param('link_verifier'));
  if (!sameBrowser && approve === undefined) {
    return { status: 200, body: { link_status: 'confirm', device: link.device, requested_at: Math.floor(link.requestedAt / 1000) } };
  }
  const status = sameBrowser || approve === 'yes' ? 'approved' : 'declined';
  if (!flows.links.decide(token, status)) return invalidLink();
  return { status: 200, body: { link_status: status, ...(sameBrowser ? { same_browser: true } : {}) } };
}

/** Puts a mail in the mailbox once the current answer is written (setImmediate runs after this I/O turn). */
function sendAfterAnswer(db: OpDb, mail: MailContent & { to: string }): void {
  setImmediate(() => {
    // The OP may have closed in between (tests stop it right after an answer).
    if (db.sqlite.open) db.mails.send(mail);
  });
}

function codeMail(ctx: FlowContext, session: Session, code: string): MailContent | undefined {
  switch (session.state.flow) {
    case 'signin': {
      // Looked up at send time: the code signs in whoever owns the address now.
      session.accountId = ctx.db.users.findByEmail(session.state.identifier)?.id ?? null;
      return session.accountId ? signInCodeMail(code, CODE_MINUTES) : undefined;
    }
    case 'signup':
      return session.accountId ? accountExistsMail() : verifyEmailMail(code, CODE_MINUTES);
    case 'recover':
      return session.accountId ? recoveryCodeMail(code, CODE_MINUTES) : undefined;
    case 'passkey':
      return undefined;
  }
}

/**
 * Checks a submitted code. Rate limited like passwords: a right code comes
 * with its reserved attempt (a ticket), which the caller settles: succeed()
 * once the code did its job, or codeFailure(). A right code is used up
 * unless `consume` is false (recovery keeps it until the new password is
 * accepted).
 */
function checkCode(ctx: FlowContext, session: Session, input: string, consume = true): { reply: Reply } | { ticket: Ticket } {
  const { state } = session;
  // Per address + account and per address only: see GuessLimiter.reserve (the owner's way back in stays open).
  const reserved = ctx.attempts.reserve(ctx.ip, state.identifier, Date.now(), { perAccount: false });
  if (!reserved.ok) return { reply: rateLimited(reserved.retryAfterSeconds) };
  const checked = checkOneTimeCode(state.code, input);
  if (checked === 'expired') {
    reserved.ticket.release();
    return {
      reply: insufficient(session, CODE_METHODS[state.flow], { reason: 'code_expired', error_description: 'This code has expired. Request a new one.' }),
    };
  }
  if (checked === 'wrong') return { reply: codeFailure(ctx, session, reserved.ticket) };
  if (consume) delete state.code;
  ctx.sessions.save(session);
  return { ticket: reserved.ticket };
}

function codeFailure(ctx: FlowContext, session: Session, ticket: Ticket): Reply {
  ticket.fail();
  ctx.sessions.save(session);
  return insufficient(session, CODE_METHODS[session.state.flow], { reason: 'invalid_code', error_description: 'That code is not right.' });
}

// ---- the end of every flow ----

/** Uses up the auth_session and lets the endpoint end the flow. */
async function finish(ctx: FlowContext, session: Session, accountId: string, acr: Acr, amr = AMR[acr]): Promise<Reply> {
  const { state } = session;
  // Started by a guest and signed in to an account: first the user decides what becomes of the guest.
  if ('request' in state && state.guest !== undefined && state.guest !== accountId) {
    state.verified = { accountId, acr, amr };
    ctx.sessions.save(session);
    return guestMergeQuestion(session);
  }
  // Two racing requests (e.g. the same password sent twice) end the flow once.
  if (!ctx.sessions.consume(session)) return invalidSession();
  return signedIn(ctx, session, accountId, acr, amr);
}

/** The end of a flow whose auth_session is used up. */
async function signedIn(ctx: FlowContext, session: Session, accountId: string, acr: Acr, amr: string[]): Promise<Reply> {
  const reply = await ctx.complete(session, accountId, acr, amr);
  if (reply.status === 200) noticeNewDevice(ctx, accountId);
  return reply;
}

// ---- a guest signed in to an account (guests.ts) ----

function guestMergeQuestion(session: Session): Reply {
  // Says nothing about the account or the guest: the client knows which guest it sent.
  return insufficient(session, ['guest_merge'], { guest_merge: { guest: true } });
}

/** guest_merge=move (the guest goes into the account) or keep_separate, once the sign-in itself succeeded. */
async function guestMergeStep(ctx: FlowContext, session: Session, choice: string | undefined): Promise<Reply> {
  const { state } = session;
  const guest = 'request' in state ? state.guest : undefined;
  if (!state.verified || !guest) return invalidRequest('guest_merge comes after a successful sign-in step of a flow started with a guest_token.');
  if (choice === undefined) return guestMergeQuestion(session);
  if (choice !== 'move' && choice !== 'keep_separate') return invalidRequest('guest_merge must be move or keep_separate.');
  const { accountId, acr, amr } = state.verified;
  // Used up first: a replay (or a race) neither merges twice nor gets a second code.
  if (!ctx.sessions.consume(session)) return invalidSession();
  if (choice === 'move') await ctx.guests.merge(guest, accountId, session.clientId);
  return signedIn(ctx, session, accountId, acr, amr);
}

/** Tells the owner of a sign-in from a browser and address the account had not used before (devices.ts). */
function noticeNewDevice(ctx: FlowContext, accountId: string): void {
  const user = ctx.db.users.findById(accountId);
  if (user && ctx.db.devices.remember(accountId, { userAgent: ctx.userAgent, address: ctx.ip })) {
    ctx.db.mails.send({ to: user.email, ...newSignInMail(new Date(), ctx.userAgent) });
  }
}

// ---- responses ----

function insufficient(session: Session, methods: string[], extra: Record<string, unknown> = {}): Reply {
  return { status: 400, body: { error: 'insufficient_authorization', auth_session: session.value, methods, ...extra } };
}

export function rateLimited(seconds: number): Reply {
  return { status: 429, headers: { 'Retry-After': String(seconds) }, body: { error: 'rate_limited', retry_after: seconds } };
}

export function invalidRequest(description: string): Reply {
  return { status: 400, body: { error: 'invalid_request', error_description: description } };
}

export function invalidSession(): Reply {
  return { status: 400, body: { error: 'invalid_session', error_description: 'The auth_session is unknown, expired or already used.' } };
}

function invalidLink(): Reply {
  return { status: 400, body: { error: 'invalid_link', error_description: 'This sign-in link has expired or was already used.' } };
}

function invalidEmail(): Reply {
  return { status: 400, body: { error: 'invalid_request', reason: 'invalid_email', error_description: 'Enter a valid email address, like name@example.com.' } };
}

const PASSWORD_TEXT: Record<PasswordReason, string> = {
  too_short: 'Use at least 15 characters.',
  too_long: 'Use at most 256 characters.',
  common: 'This password is too common. Choose another one.',
  repetitive: 'Avoid repeated characters and simple sequences.',
  contains_identifier: 'Do not build the password on your email or name.',
};

function weakPassword(reason: PasswordReason): Reply {
  return { status: 400, body: { error: 'invalid_request', reason: 'weak_password', password_reason: reason, error_description: PASSWORD_TEXT[reason] } };
}
