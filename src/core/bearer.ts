/**
 * Reads a `WWW-Authenticate: Bearer …` challenge (RFC 6750 §3), or the `DPoP …`
 * one a resource server gives for DPoP-bound tokens (RFC 9449 §7.1), with the
 * step-up parameters of RFC 9470 (`max_age`, `acr_values`).
 */
export interface BearerChallenge {
  error?: string;
  errorDescription?: string;
  maxAge?: number;
  acrValues?: string;
}

export function parseBearerChallenge(header: string | null | undefined): BearerChallenge | null {
  const match = header ? /(?:^|,)\s*(?:Bearer|DPoP)\b(.*)$/i.exec(header) : null;
  if (!match) return null;
  const params = new Map<string, string>();
  // auth-param = token "=" ( token / quoted-string ), comma separated
  for (const [, name, quoted, bare] of match[1].matchAll(/([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
    params.set(name.toLowerCase(), quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : bare);
  }
  const challenge: BearerChallenge = {};
  if (params.has('error')) challenge.error = params.get('error')!;
  if (params.has('error_description')) challenge.errorDescription = params.get('error_description')!;
  const maxAge = Number(params.get('max_age'));
  if (params.has('max_age') && Number.isInteger(maxAge) && maxAge >= 0) challenge.maxAge = maxAge;
  if (params.has('acr_values')) challenge.acrValues = params.get('acr_values')!;
  return challenge;
}
