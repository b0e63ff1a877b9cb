/**
 * Message lookup. English is bundled; other catalogs load on first use.
 * Apps override any message per element (`messages` property) or globally
 * (`registerMessages`).
 */
import type { CiamErrorData } from '../core/errors.js';
import type { MessageId, Messages } from './en.js';
import { en } from './en.js';

export type { MessageId, Messages };

const loaders: Record<string, () => Promise<Partial<Messages>>> = {
  de: () => import('./de.js').then((m) => m.de),
  fr: () => import('./fr.js').then((m) => m.fr),
  es: () => import('./es.js').then((m) => m.es),
  ja: () => import('./ja.js').then((m) => m.ja),
  ar: () => import('./ar.js').then((m) => m.ar),
};

const catalogs = new Map<string, Partial<Messages>>([['en', en]]);
const pending = new Map<string, Promise<void>>();
/** Built-in catalogs here: an app's own messages for a language (registerMessages) do not stand in for its catalog. */
const loaded = new Set(['en']);

/** Adds or overrides messages for a locale (e.g. `registerMessages('fr', fr)`). */
export function registerMessages(locale: string, messages: Partial<Messages>) {
  catalogs.set(locale, { ...catalogs.get(locale), ...messages });
}

/** Adds built-in messages that arrive later (the forms' catalog) without replacing an app's overrides. */
export function addDefaultMessages(locale: string, messages: Partial<Messages>) {
  catalogs.set(locale, { ...messages, ...catalogs.get(locale) });
}

/** Whether `locale`'s catalog has yet to load: false when it is here, or when there is none (English then). */
export function awaitsCatalog(locale: string): boolean {
  const language = baseLanguage(locale);
  return !loaded.has(language) && !!loaders[language];
}

/** Resolves once the catalog for `locale` (or its language) is loaded; unknown locales fall back to English. */
export function loadLocale(locale: string): Promise<void> {
  if (!awaitsCatalog(locale)) return Promise.resolve();
  const language = baseLanguage(locale);
  let load = pending.get(language);
  if (!load) {
    load = loaders[language]().then(
      (messages) => {
        loaded.add(language);
        registerMessages(language, { ...messages, ...catalogs.get(language) });
      },
      () => undefined, // a missing catalog falls back to English, never breaks the element
    );
    pending.set(language, load);
  }
  return load;
}

/** The text for an error: its code's message, with the seconds to wait where the OP named them (429 Retry-After). */
export function errorMessage(msg: (id: MessageId, params?: Record<string, string | number>) => string, error: CiamErrorData): string {
  return msg(`error.${error.code}`, { seconds: error.retryAfterSeconds ?? 30 });
}

/**
 * Fills `{name}` placeholders; numbers are written the locale's way (Intl.NumberFormat). A plural
 * placeholder, `{count, plural, one {# more character} other {# more characters}}` (ICU's syntax, without
 * nesting), picks its form by Intl.PluralRules, or an exact `=0 {…}` first; `#` is the number.
 */
export function translate(locale: string, id: MessageId, params?: Record<string, string | number>, overrides?: Partial<Messages>): string {
  const template = overrides?.[id] ?? catalogs.get(locale)?.[id] ?? catalogs.get(baseLanguage(locale))?.[id] ?? catalogs.get('en')?.[id] ?? id;
  if (!params) return template;
  const written = (value: string | number) => (typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : value);
  return template.replace(/\{(\w+)(?:, plural,(.*?\})\s*)?\}/g, (whole, name: string, forms?: string) => {
    if (!(name in params)) return whole;
    const value = params[name];
    if (!forms) return written(value);
    const form = (key: string) => forms.match(new RegExp(`(?:^|\\s)${key} \\{([^}]*)\\}`))?.[1];
    const n = Number(value);
    return (form(`=${n}`) ?? form(new Intl.PluralRules(locale).select(n)) ?? form('other') ?? '').replace(/#/g, written(n));
  });
}

/** The first of the browser's languages (`navigator.languages`) there is a catalog for, built-in or the app's; else English. */
export function preferredLanguage(languages: readonly string[] = globalThis.navigator?.languages ?? []): string {
  return languages.find((language) => loaders[baseLanguage(language)] || catalogs.has(baseLanguage(language))) ?? 'en';
}

export function baseLanguage(locale: string) {
  return locale.toLowerCase().split('-')[0] ?? 'en';
}

const rtlLanguages = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ku']);

export function directionOf(locale: string): 'ltr' | 'rtl' {
  return rtlLanguages.has(baseLanguage(locale)) ? 'rtl' : 'ltr';
}
