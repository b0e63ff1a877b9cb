/**
 * base64url (RFC 4648 §5, no padding): how PKCE, nonces, JWTs and WebAuthn's
 * JSON encoding carry bytes. Pure; `atob`/`btoa` are language globals in
 * browsers and Node alike.
 */
export function toBase64url(bytes: Uint8Array | ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** Throws on text that is not base64url (callers map that to their own error). */
export function fromBase64url(value: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(value.replace(/-/g, '+').replace(/_/g, '/')), (ch) => ch.charCodeAt(0));
}
