// Minimal ambient types for the two untyped runtime deps of the demo OP.
// Neither oidc-provider nor better-sqlite3 ships .d.ts files and we may not add
// @types packages, so we describe only the surface demo/op/ actually uses.
// No top-level import/export: this file must stay a global script so that the
// `declare module` blocks below declare (not augment) the modules.

declare module 'better-sqlite3' {
  namespace BetterSqlite3 {
    interface RunResult {
      changes: number;
      lastInsertRowid: number | bigint;
    }
    interface Statement {
      run(...params: unknown[]): RunResult;
      get(...params: unknown[]): unknown;
      all(...params: unknown[]): unknown[];
    }
    interface Database {
      readonly open: boolean;
      prepare(sql: string): Statement;
      exec(sql: string): Database;
      pragma(source: string, options?: { simple?: boolean }): unknown;
      transaction<F extends (...args: never[]) => unknown>(fn: F): F;
      close(): Database;
    }
    interface Options {
      readonly?: boolean;
      fileMustExist?: boolean;
      timeout?: number;
    }
  }
  const Database: new (filename: string, options?: BetterSqlite3.Options) => BetterSqlite3.Database;
  export default Database;
  export type { BetterSqlite3 };
}

declare module 'oidc-provider' {
  type Req = import('node:http').IncomingMessage;
  type Res = import('node:http').ServerResponse;

  /** The subset of the Koa context (plus ctx.oidc) that our hooks touch. */
  export interface KoaContextWithOIDC {
    method: string;
    path: string;
    host: string;
    status: number;
    type: string;
    body: unknown;
    get(header: string): string;
    set(header: string, value: string): void;
    oidc: {
      route: string;
      issuer: string;
      client?: { clientId: string; clientName?: string };
      params?: Record<string, unknown>;
    };
  }

  export interface InteractionPrompt {
    name: string;
    reasons: string[];
    details: Record<string, unknown>;
  }

  export interface Interaction {
    uid: string;
    jti: string;
    prompt: InteractionPrompt;
    params: Record<string, unknown>;
    session?: { accountId: string; uid?: string };
    grantId?: string;
    result?: Record<string, unknown>;
    lastSubmission?: Record<string, unknown>;
    returnTo: string;
    exp: number;
  }

  export interface Grant {
    jti: string;
    accountId: string;
    clientId: string;
    getOIDCScope(): string;
    getOIDCClaims(): string[];
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    /** Scopes the user declined: the consent prompt does not ask for them again under this grant. */
    rejectOIDCScope(scope: string): void;
    getRejectedOIDCScope(): string;
    addResourceScope(indicator: string, scope: string): void;
    save(): Promise<string>;
    destroy(): Promise<void>;
  }

  export interface ClientLike {
    clientId: string;
    clientAuthMethod: string;
    redirectUris: string[];
    grantTypeAllowed(type: string): boolean;
  }

  export interface Account {
    accountId: string;
    claims(use: string, scope: string, claims: unknown, rejected: string[]): Promise<Record<string, unknown>> | Record<string, unknown>;
  }

  export class Check {
    static REQUEST_PROMPT: true;
    static NO_NEED_TO_PROMPT: false;
    constructor(
      reason: string,
      description: string,
      check: (ctx: KoaContextWithOIDC & { oidc: { prompts: Set<string>; result?: Record<string, unknown> } }) => boolean | Promise<boolean>,
    );
    reason: string;
  }

  export class Prompt {
    constructor(
      options: { name: string; requestable?: boolean },
      details: (ctx: KoaContextWithOIDC) => Record<string, unknown> | Promise<Record<string, unknown>>,
      ...checks: Check[]
    );
    name: string;
    requestable: boolean;
    checks: Check[] & { clear(): void; add(check: Check, index?: number): void };
  }

  export type Policy = Prompt[] & {
    get(name: string): Prompt | undefined;
    add(prompt: Prompt, index?: number): void;
    remove(name: string): void;
  };

  export const interactionPolicy: {
    Check: typeof Check;
    Prompt: typeof Prompt;
    /** A plain function (lib/helpers/interaction_policy), safe to call detached. */
    base(this: void): Policy;
  };

  export type Configuration = Record<string, unknown>;

  export class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    proxy: boolean;
    Grant: {
      new (properties: { accountId: string; clientId: string }): Grant;
      find(id: string): Promise<Grant | undefined>;
    };
    Client: {
      find(id: string): Promise<ClientLike | undefined>;
    };
    /** Constructor properties are the model's payload fields (see lib/models/authorization_code.js). */
    AuthorizationCode: new (properties: Record<string, unknown> & { client: ClientLike }) => { save(): Promise<string> };
    callback(): (req: Req, res: Res) => Promise<void>;
    interactionDetails(req: Req, res: Res): Promise<Interaction>;
    interactionResult(req: Req, res: Res, result: Record<string, unknown>, options?: { mergeWithLastSubmission?: boolean }): Promise<string>;
    on(event: string, listener: (...args: never[]) => void): this;
    /** Adds (or replaces) a token endpoint grant type; `params` are the parameters it reads besides grant_type. */
    registerGrantType(name: string, handler: (ctx: never) => Promise<void>, params?: string[] | Set<string>): void;
  }

  /** The provider's OAuth errors: thrown in a hook or grant handler, they become the endpoint's error answer. */
  type OAuthError = new (description?: string, detail?: string) => Error;
  export const errors: Record<'AccessDenied' | 'InvalidGrant' | 'InvalidRequest' | 'InvalidScope' | 'InvalidTarget', OAuthError>;

  export default Provider;
}

// Internals of oidc-provider (no exports map, so reachable) that a custom grant needs to behave like the
// built-in ones: DPoP proof checks and the refresh_token grant itself (org-exchange.ts).
declare module 'oidc-provider/lib/helpers/grants.js' {
  /** The request's DPoP proof, checked for this endpoint (htm, htu, iat or nonce); undefined without a DPoP header. */
  export function validateDpop(provider: unknown, ctx: unknown): Promise<{ thumbprint: string; jti: string; iat: number } | undefined>;
  /** Refuses a proof whose jti was seen before. */
  export function checkDpopReplay(provider: unknown, ctx: unknown, dPoP: unknown, clientId: string): Promise<void>;
}

declare module 'oidc-provider/lib/actions/grants/refresh_token.js' {
  export function handler(provider: unknown, helpers: Record<string, unknown>, ctx: unknown): Promise<void>;
  export const parameters: Set<string>;
}
