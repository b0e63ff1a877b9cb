/**
 * The upstream identity providers a sign-in card offers ("Continue with
 * Google"), from the `social` attribute: comma-separated entries, each the
 * IdP's id at the OP (sent as the preset's hint parameter: `kc_idp_hint`,
 * `connection`, `idp`...) and optionally `=Name` for the button, e.g.
 * `google, github, acme-sso=Acme SSO`. Well-known ids have their name built in.
 * Our elements never talk to the upstream: the OP federates.
 */

export interface SocialProvider {
  /** The IdP's id at the OP (the hint parameter's value). */
  id: string;
  /** Shown as "Continue with <name>". */
  name: string;
}

const knownNames: Record<string, string> = {
  amazon: 'Amazon',
  apple: 'Apple',
  discord: 'Discord',
  facebook: 'Facebook',
  github: 'GitHub',
  gitlab: 'GitLab',
  google: 'Google',
  linkedin: 'LinkedIn',
  microsoft: 'Microsoft',
  slack: 'Slack',
  x: 'X',
};

/** The providers in the attribute's order; repeated ids and empty entries are left out. */
export function parseSocial(value: string | null | undefined): SocialProvider[] {
  const providers: SocialProvider[] = [];
  for (const entry of (value ?? '').split(',')) {
    const at = entry.indexOf('=');
    const id = (at < 0 ? entry : entry.slice(0, at)).trim();
    if (!id || /\s/.test(id) || providers.some((p) => p.id === id)) continue;
    const name = at < 0 ? '' : entry.slice(at + 1).trim();
    providers.push({ id, name: name || knownNames[id.toLowerCase()] || id });
  }
  return providers;
}

/** The provider's id as a CSS part name token (`social-<id>`): letters, digits and dashes only. */
export function partToken(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
}
