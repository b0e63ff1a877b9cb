/**
 * Values inside sentences of the account cards. A message with its one value
 * (a date, a name) in a `<bdi>`: the value keeps
 * its own direction inside the sentence. In Arabic, "Created 2026/11/02"
 * would otherwise be reordered around the date's slashes.
 */
import { html, type TemplateResult } from 'lit';
import type { MessageId } from '../../i18n/index.js';

type Msg = (id: MessageId, params?: Record<string, string | number>) => string;

export function withIsolatedValue(msg: Msg, id: MessageId, name: string, value: string): string | TemplateResult {
  const [before, after] = msg(id, { [name]: '\u0000' }).split('\u0000');
  return after === undefined ? before : html`${before}<bdi>${value}</bdi>${after}`;
}

/** A date as the account cards show it ("Nov 20, 2026", in the element's language); what cannot be read, as it came. */
export function mediumDate(locale: string, iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
}
