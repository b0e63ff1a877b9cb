/**
 * Adapters for bot-check providers with a widget: Cloudflare Turnstile and
 * hCaptcha. Their script loads only when the OP asks for that provider
 * (controllers/bot-check.ts), never with the page. Each needs its origin in
 * the page's CSP (README, "Bot check"): Turnstile `script-src` and
 * `frame-src https://challenges.cloudflare.com`; hCaptcha `script-src`,
 * `frame-src`, `style-src` and `connect-src` for `https://hcaptcha.com
 * https://*.hcaptcha.com`. Under Trusted Types the script URL goes through a
 * policy named `ciam-elements#bot-check` that allows exactly these two URLs.
 */
export type WidgetProvider = 'turnstile' | 'hcaptcha';

/** The render call both providers share (explicit rendering). */
interface WidgetApi {
  render(container: HTMLElement, options: Record<string, unknown>): unknown;
}

const SCRIPTS: Record<WidgetProvider, string> = {
  turnstile: 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit',
  hcaptcha: 'https://js.hcaptcha.com/1/api.js?render=explicit',
};
const LOAD_TIMEOUT_MS = 15_000;
const loading = new Map<WidgetProvider, Promise<WidgetApi>>();

type ScriptUrlPolicy = { createScriptURL(url: string): string };
let policy: ScriptUrlPolicy | undefined;

function scriptUrl(provider: WidgetProvider): string {
  const trustedTypes = (globalThis as { trustedTypes?: { createPolicy(name: string, rules: ScriptUrlPolicy): ScriptUrlPolicy } }).trustedTypes;
  if (!trustedTypes) return SCRIPTS[provider];
  policy ??= trustedTypes.createPolicy('ciam-elements#bot-check', {
    createScriptURL: (url) => {
      if (!Object.values(SCRIPTS).includes(url)) throw new TypeError(`not a bot-check script: ${url}`);
      return url;
    },
  });
  return policy.createScriptURL(SCRIPTS[provider]);
}

/** The provider's script, loaded once per page (or already there: the app loaded it); a failed load is forgotten, so a retry loads it again. */
function load(provider: WidgetProvider): Promise<WidgetApi> {
  const present = (globalThis as unknown as Record<string, WidgetApi | undefined>)[provider];
  if (present?.render) return Promise.resolve(present);
  let api = loading.get(provider);
  if (!api) {
    api = new Promise<WidgetApi>((resolve, reject) => {
      const script = document.createElement('script');
      const timer = setTimeout(() => reject(new Error(`${provider} did not load`)), LOAD_TIMEOUT_MS);
      script.async = true;
      (script as { src: unknown }).src = scriptUrl(provider);
      script.onload = () => {
        clearTimeout(timer);
        const loaded = (globalThis as unknown as Record<string, WidgetApi | undefined>)[provider];
        if (loaded?.render) resolve(loaded);
        else reject(new Error(`${provider} loaded without its API`));
      };
      script.onerror = () => {
        clearTimeout(timer);
        reject(new Error(`${provider} did not load`));
      };
      document.head.append(script);
    });
    api.catch(() => loading.delete(provider));
    loading.set(provider, api);
  }
  return api;
}

/** Renders the provider's widget into `container`; `onToken` hears each token it gives (the proof). */
export async function renderWidget(provider: WidgetProvider, siteKey: string, container: HTMLElement, onToken: (token: string) => void): Promise<void> {
  const api = await load(provider);
  container.replaceChildren();
  const lang = document.documentElement.lang || undefined;
  api.render(container, { sitekey: siteKey, callback: onToken, ...(lang ? (provider === 'turnstile' ? { language: lang } : { hl: lang }) : {}) });
}
