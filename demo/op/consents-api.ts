/**
 * The signed-in user's consents to purposes (consent-receipts.ts): what there
 * is to agree to, what they decided, and a signed receipt of each decision.
 * Same auth and CORS as the passkey API (bearer-api.ts); no step-up (giving
 * or withdrawing consent must never be harder than signing in).
 */
import type { Provider } from 'oidc-provider';
import { createBearerApi, readJson } from './bearer-api.js';
import type { ApiReply } from './bearer-api.js';
import { documentUrl, latestByPurpose, outdatedDocuments, receiptPayload, signReceipt } from './consent-receipts.js';
import type { ConsentAction, Purposes, Receipt } from './consent-receipts.js';
import type { OpDb } from './db.js';
import { loadJwks } from './keys.js';
import type { User } from './users.js';

export const CONSENTS_PATH = '/api/consents';
// /api/consents, /api/consents/receipts/<receipt id (a UUID)>
const ROUTE = /^\/api\/consents(?:\/receipts\/([A-Za-z0-9-]{1,64}))?$/;

export function createConsentsApiHandler(options: { provider: Provider; db: OpDb; purposes: Purposes; appOrigins: Set<string> }) {
  const { db, purposes } = options;
  const { issuer } = purposes;

  function view(receipt: Receipt) {
    return {
      id: receipt.id,
      purpose: receipt.purpose,
      ...(receipt.version ? { version: receipt.version } : {}),
      ...(receipt.hash ? { hash: receipt.hash } : {}),
      action: receipt.action,
      at: receipt.at,
    };
  }

  function list(user: User): ApiReply {
    const receipts = db.receipts.listByUser(user.id);
    const latest = latestByPurpose(receipts);
    return {
      status: 200,
      body: {
        purposes: purposes.list.map(({ id, title, required }) => {
          const doc = purposes.current(id);
          return {
            id,
            title,
            required,
            ...(doc ? { version: doc.version, url: documentUrl(issuer, id, doc.version), hash: doc.hash, changes_url: doc.changesUrl } : {}),
          };
        }),
        // Only purposes the user decided on; the version is the one they saw then.
        state: Object.fromEntries(
          [...latest].map(([id, r]) => [id, { granted: r.action === 'grant', ...(r.version ? { version: r.version } : {}), at: r.at }]),
        ),
        outdated: outdatedDocuments(purposes, latest),
        receipts: receipts.map(view),
      },
    };
  }

  function decide(user: User, body: Record<string, unknown>): ApiReply {
    const purpose = typeof body.purpose === 'string' ? purposes.find(body.purpose) : undefined;
    if (!purpose) return invalid('purpose must be the id of one of the purposes.');
    const action = body.action;
    if (action !== 'grant' && action !== 'withdraw') return invalid('action must be "grant" or "withdraw".');
    const version = body.version ?? undefined;
    if (version !== undefined && typeof version !== 'string') return invalid('version must be a string.');
    const current = purposes.current(purpose.id);
    if (!current) {
      if (version !== undefined) return invalid(`${purpose.id} has no document version.`);
      return record(user, purpose.id, action, null);
    }
    if (action === 'withdraw') {
      // Withdrawing is never refused for a newer version: it takes back what
      // the user agreed to (that version), or the current one if nothing.
      const granted = latestByPurpose(db.receipts.listByUser(user.id)).get(purpose.id);
      const doc = (granted?.version && purposes.version(purpose.id, granted.version)) || current;
      return record(user, purpose.id, action, doc);
    }
    if (version === undefined) return invalid(`version is required to grant ${purpose.id}: the version the user was shown.`);
    if (version !== current.version) {
      return {
        status: 409,
        body: { error: 'version_changed', error_description: `${purpose.title} is now version ${current.version}; show it to the user first.` },
      };
    }
    return record(user, purpose.id, action, current);
  }

  function record(user: User, purpose: string, action: ConsentAction, doc: { version: string; hash: string } | null): ApiReply {
    const receipt = db.receipts.add({ userId: user.id, purpose, action, version: doc?.version ?? null, hash: doc?.hash ?? null });
    return { status: 201, body: { receipt: view(receipt) } };
  }

  async function signed(user: User, id: string): Promise<ApiReply> {
    const receipt = db.receipts.find(user.id, id);
    // Someone else's receipt looks exactly like one that does not exist.
    if (!receipt) return { status: 404, body: { error: 'not_found', error_description: 'No such receipt.' } };
    const jws = await signReceipt(receiptPayload(receipt, purposes), loadJwks(db));
    return {
      status: 200,
      raw: jws,
      headers: { 'Content-Type': 'application/jose', 'Content-Disposition': `attachment; filename="consent-receipt-${receipt.id}.jws"` },
    };
  }

  return createBearerApi({
    ...options,
    route: ROUTE,
    methods: ([, id]) => (id === undefined ? ['GET', 'POST'] : ['GET']),
    stepUp: new Set(),
    exposeHeaders: ['WWW-Authenticate', 'DPoP-Nonce', 'Content-Disposition'],
    async handle(req, user, [, id]) {
      if (id !== undefined) return signed(user, id);
      if (req.method === 'GET') return list(user);
      return decide(user, await readJson(req));
    },
    name: 'consents api',
  });
}

function invalid(description: string): ApiReply {
  return { status: 400, body: { error: 'invalid_request', error_description: description } };
}
