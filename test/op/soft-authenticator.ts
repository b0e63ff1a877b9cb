// A software passkey authenticator for the OP tests: what a browser plus a
// platform authenticator would hand to the page after
// navigator.credentials.create()/get(), as the JSON the page sends on
// (RegistrationResponseJSON / AuthenticationResponseJSON). ES256 (P-256)
// keys, "none" attestation, discoverable credentials. Knobs for the cases a
// real authenticator would not produce: no user verification, another origin.
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';

// ---- a minimal CBOR encoder (RFC 8949): what attestation objects and COSE keys use ----

type Cbor = number | string | Uint8Array | Cbor[] | Map<number | string, Cbor>;

function head(major: number, n: number): Buffer {
  if (n < 24) return Buffer.from([(major << 5) | n]);
  if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
  if (n < 0x10000) {
    const b = Buffer.alloc(3);
    b[0] = (major << 5) | 25;
    b.writeUInt16BE(n, 1);
    return b;
  }
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(n, 1);
  return b;
}

export function cbor(value: Cbor): Buffer {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error('only integers');
    return value >= 0 ? head(0, value) : head(1, -1 - value);
  }
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(cbor)]);
  return Buffer.concat([head(5, value.size), ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)])]);
}

// ---- the authenticator ----

const FLAG = { UP: 0x01, UV: 0x04, BE: 0x08, BS: 0x10, AT: 0x40 } as const;

export interface SoftCredential {
  id: string;
  rpId: string;
  /** base64url of the user.id the RP gave at registration. */
  userHandle: string;
  privateKey: KeyObject;
  coseKey: Buffer;
  signCount: number;
}

export interface CeremonyOptions {
  /** The page's origin, as the browser would put it in clientDataJSON. */
  origin: string;
  /** Did the user unlock the authenticator (UV flag)? Default true. */
  userVerified?: boolean;
}

export class SoftAuthenticator {
  readonly credentials: SoftCredential[] = [];

  /**
   * `multiDevice`: a synced passkey (backup eligible and backed up), else a
   * device-bound one. `aaguid`: the authenticator model (default all zeros,
   * as with "none" attestation on most platforms).
   */
  constructor(readonly settings: { multiDevice?: boolean; aaguid?: string } = {}) {}

  /**
   * A new passkey for `options.user`. `again`: attest this existing passkey
   * once more instead (an authenticator that ignores excludeCredentials).
   */
  create(options: PublicKeyCredentialCreationOptionsJSON, ceremony: CeremonyOptions & { again?: SoftCredential }): RegistrationResponseJSON {
    const rpId = options.rp.id!;
    // The browser refuses to make a second passkey for an account that has one here.
    if (!ceremony.again && options.excludeCredentials?.some((c) => this.credentials.some((own) => own.id === c.id))) {
      throw new Error('InvalidStateError: a passkey from this authenticator is already registered');
    }
    const credential = ceremony.again ?? this.#newCredential(rpId, options.user.id);
    const rawId = Buffer.from(credential.id, 'base64url');

    const aaguid = Buffer.from((this.settings.aaguid ?? '00000000-0000-0000-0000-000000000000').replace(/-/g, ''), 'hex');
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(rawId.length);
    const authData = Buffer.concat([this.#authDataHead(rpId, ceremony, FLAG.AT, credential.signCount), aaguid, idLength, rawId, credential.coseKey]);
    const clientDataJSON = clientData('webauthn.create', options.challenge, ceremony.origin);
    const attestationObject = cbor(
      new Map<string, Cbor>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authData],
      ]),
    );
    return {
      id: credential.id,
      rawId: credential.id,
      type: 'public-key',
      response: {
        clientDataJSON: clientDataJSON.toString('base64url'),
        attestationObject: attestationObject.toString('base64url'),
        transports: ['internal', 'hybrid'],
        publicKeyAlgorithm: -7,
      },
      authenticatorAttachment: 'platform',
      clientExtensionResults: { credProps: { rk: true } },
    };
  }

  /**
   * Signs in with one of this authenticator's passkeys for the RP: the last
   * one made, or `credential` (as when the user picks one).
   */
  get(options: PublicKeyCredentialRequestOptionsJSON, ceremony: CeremonyOptions & { credential?: SoftCredential }): AuthenticationResponseJSON {
    const rpId = options.rpId!;
    const allowed = options.allowCredentials?.length ? new Set(options.allowCredentials.map((c) => c.id)) : undefined;
    const credential = ceremony.credential ?? this.credentials.filter((c) => c.rpId === rpId && (!allowed || allowed.has(c.id))).at(-1);
    if (!credential) throw new Error('NotAllowedError: no passkey for this site');
    credential.signCount += 1;
    const authData = this.#authDataHead(rpId, ceremony, 0, credential.signCount);
    const clientDataJSON = clientData('webauthn.get', options.challenge, ceremony.origin);
    // ES256: ECDSA over authenticatorData || SHA-256(clientDataJSON), DER-encoded (Node's default for EC keys).
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), credential.privateKey);
    return {
      id: credential.id,
      rawId: credential.id,
      type: 'public-key',
      response: {
        clientDataJSON: clientDataJSON.toString('base64url'),
        authenticatorData: authData.toString('base64url'),
        signature: signature.toString('base64url'),
        userHandle: credential.userHandle,
      },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
    };
  }

  #newCredential(rpId: string, userHandle: string): SoftCredential {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    // COSE_Key (RFC 9053): kty EC2, alg ES256, crv P-256, x, y.
    const coseKey = cbor(
      new Map<number, Cbor>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x!, 'base64url')],
        [-3, Buffer.from(jwk.y!, 'base64url')],
      ]),
    );
    const credential = { id: randomBytes(16).toString('base64url'), rpId, userHandle, privateKey, coseKey, signCount: 0 };
    this.credentials.push(credential);
    return credential;
  }

  /** rpIdHash, flags, signCount: the first 37 bytes of every authenticatorData. */
  #authDataHead(rpId: string, ceremony: CeremonyOptions, extraFlags: number, signCount: number): Buffer {
    let flags = FLAG.UP | extraFlags;
    if (ceremony.userVerified ?? true) flags |= FLAG.UV;
    if (this.settings.multiDevice) flags |= FLAG.BE | FLAG.BS;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(signCount);
    return Buffer.concat([sha256(Buffer.from(rpId, 'utf8')), Buffer.from([flags]), counter]);
  }
}

function clientData(type: string, challenge: string, origin: string): Buffer {
  return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }), 'utf8');
}

function sha256(data: Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}
