/** Resolves the element's locale, loads its catalog and translates message ids. */
import type { ReactiveController } from 'lit';
import type { CiamElement } from '../base.js';
import type { MessageId } from '../../../i18n/index.js';
import { awaitsCatalog, directionOf, loadLocale, preferredLanguage, translate } from '../../../i18n/index.js';

/** Elements that follow the page's language; one observer for all of them. */
const followers = new Set<CiamElement>();
let langObserver: MutationObserver | undefined;

export class I18nController implements ReactiveController {
  private loaded = '';
  private own = '';

  constructor(private readonly host: CiamElement) {
    host.addController(this);
  }

  // `<html lang>` (or a section's) may change after load, e.g. an app's language switch: render in the new one at once.
  hostConnected() {
    followers.add(this.host);
    if (langObserver || typeof MutationObserver === 'undefined') return;
    langObserver = new MutationObserver(() => followers.forEach((host) => host.requestUpdate()));
    langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  }

  hostDisconnected() {
    followers.delete(this.host);
  }

  /** The `locale` attribute, then the closest `lang` (usually `<html lang>`), then the browser's languages. */
  get locale(): string {
    const host = this.host;
    return host.locale || host.closest<HTMLElement>('[lang]')?.lang || preferredLanguage();
  }

  /** Only set when the element's own `locale` asks for a direction the page may not have. */
  get dir(): 'ltr' | 'rtl' | undefined {
    return this.host.locale ? directionOf(this.host.locale) : undefined;
  }

  hostUpdate() {
    const host = this.host;
    // An element speaking another language than its page says so, light-DOM form included: screen readers
    // choose their voice by `lang`, and CSS its line-breaking rules (Japanese phrases). Only a `lang` we set is removed.
    // (Only when it changes: every write is a mutation the observer above answers with an update.)
    if (host.locale) {
      if (host.lang !== host.locale) host.lang = host.locale;
    } else if (this.own && host.lang === this.own) host.removeAttribute('lang');
    this.own = host.locale;
    const locale = this.locale;
    if (locale === this.loaded) return;
    this.loaded = locale;
    // A catalog already here renders in this update; a second one would only cost the first paint time.
    if (!awaitsCatalog(locale)) return;
    void loadLocale(locale).then(() => this.host.requestUpdate());
  }

  msg(id: MessageId, params?: Record<string, string | number>): string {
    return translate(this.locale, id, params, this.host.messages);
  }
}
