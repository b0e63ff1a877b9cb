/**
 * The extra parameters of a sign-in at the OP, per OP family (the `preset`
 * attribute): which upstream identity provider to go to, and the language of
 * the OP's pages. Loaded with the session part (the first action), not the
 * first screen.
 */
import type { CiamConfig, Preset } from './config.js';

interface SignInParamNames {
  /** Picks the upstream IdP for social or enterprise sign-in. */
  idpHint: string;
  /** Sets the language of the OP's pages, when not OIDC's `ui_locales`. */
  locale?: string;
}

const names: Record<Preset, SignInParamNames> = {
  generic: { idpHint: 'idp' },
  keycloak: { idpHint: 'kc_idp_hint' },
  auth0: { idpHint: 'connection' },
  okta: { idpHint: 'idp' },
  entra: { idpHint: 'domain_hint' },
  cognito: { idpHint: 'identity_provider', locale: 'lang' },
  zitadel: { idpHint: 'idp_hint' },
};

export function idpHintParams(config: CiamConfig, idp: string | undefined): Record<string, string> {
  if (!idp) return {};
  return { [config.idpHintParam ?? names[config.preset].idpHint]: idp };
}

/** The language of the OP's pages: OIDC Core §3.1.2.1 `ui_locales`, or the preset's own parameter (Cognito's `lang` takes one code). */
export function uiLocaleParams(config: CiamConfig, locale: string | undefined): Record<string, string> {
  const value = (locale ?? config.uiLocales ?? '').trim();
  if (!value) return {};
  const param = names[config.preset].locale;
  return param ? { [param]: value.split(/[\s-]/)[0].toLowerCase() } : { ui_locales: value };
}
