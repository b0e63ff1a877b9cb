/**
 * A panel takes <ciam-login>'s card over while it applies: the page a sign-in link opens
 * (link-landing.ts), a guest session (guest.ts). Each is a lazy module with a `panel()` factory;
 * the element shows its heading and its light-DOM content instead of its own, until `done`.
 */
import type { ReactiveElement } from 'lit';
import type { SessionClient } from '../../client/ciam-client.js';
import type { SessionState } from '../../core/states.js';
import type { EmbeddedView } from './embedded.js';

export interface Panel {
  /** The card's title and lead. */
  heading(): [string, string];
  /** The light-DOM content (`errorId`: the id its error summary takes). */
  render(errorId: string): unknown;
  /** No longer applies: the element shows its own view again. */
  done(state: SessionState): boolean;
}

/** What a panel gets from its element. */
export interface PanelHost {
  element: ReactiveElement;
  client: () => SessionClient | null | undefined;
  i18n: Pick<EmbeddedView, 'msg'>;
  /** The forms' chunk, loaded already (its error summary; the panel's chunk stays small). */
  views: { errorSummary: (id: string, title: string, messages: string[]) => unknown };
}

/** A panel's module: its factory, which answers null when there is nothing to show. */
export interface PanelModule {
  panel: (host: PanelHost) => Panel | null;
}
