/**
 * The code a BFF puts on the return address after a sign-in it could not
 * finish (`bff_error`), as one of ours: anything else is `unknown`. Its own
 * lazy chunk, loaded only when a page comes back with one.
 */
import { CiamErrorCodes, type CiamErrorCode } from '../core/error-codes.js';

export function knownCode(code: string): CiamErrorCode {
  return (CiamErrorCodes as readonly string[]).includes(code) ? (code as CiamErrorCode) : 'unknown';
}
