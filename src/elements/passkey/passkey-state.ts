/**
 * What <ciam-passkey> shows, as a pure reducer: `passkeyView(state, event)`.
 * The element dispatches what happened (a click, the client's answer, a
 * change announced by the client) and renders the result; focus and calls
 * stay in the element. Tested as data in passkey-state.test.ts.
 */
import type { Passkey, PasskeyChange, PasskeyResult } from '../../client/passkeys-api.js';
import type { CiamErrorData } from '../../core/errors.js';

export type PasskeyCall = 'list' | 'create' | 'rename' | 'remove';

/** Message ids of the live status line. */
export type PasskeyStatus = 'passkey.adding' | 'passkey.added' | 'passkey.renamed' | 'passkey.removed';

export interface PasskeyView {
  /** null until the list has loaded (or while it cannot). */
  items: Passkey[] | null;
  /** A call is running: the buttons wait. */
  busy: boolean;
  /** The passkey whose rename form is open. */
  editing: string | null;
  /** The passkey whose removal asks for confirmation. */
  confirming: string | null;
  error: CiamErrorData | null;
  status: PasskeyStatus | null;
}

export type PasskeyViewEvent =
  /** Another user signed in, or none, or another API: start over. */
  | { type: 'user.changed' }
  | { type: 'rename.opened' | 'remove.opened'; id: string }
  | { type: 'rename.cancelled' | 'remove.cancelled' }
  | { type: 'call.started'; call: PasskeyCall }
  | { type: 'list.answered'; result: PasskeyResult<Passkey[]> }
  | { type: 'change.answered'; call: Exclude<PasskeyCall, 'list'>; result: PasskeyResult<unknown> }
  /** The client made a change (here, or in another element such as the offer in <ciam-login>). */
  | { type: 'passkeys.changed'; change: PasskeyChange };

export const initialPasskeyView: PasskeyView = { items: null, busy: false, editing: null, confirming: null, error: null, status: null };

const done = { create: 'passkey.added', rename: 'passkey.renamed', remove: 'passkey.removed' } as const;

export function passkeyView(state: PasskeyView, event: PasskeyViewEvent): PasskeyView {
  switch (event.type) {
    case 'user.changed':
      return initialPasskeyView;
    case 'rename.opened':
      return { ...state, editing: event.id, confirming: null };
    case 'remove.opened':
      return { ...state, confirming: event.id, editing: null };
    case 'rename.cancelled':
      return { ...state, editing: null };
    case 'remove.cancelled':
      return { ...state, confirming: null };
    case 'call.started':
      return { ...state, busy: true, error: null, status: event.call === 'create' ? 'passkey.adding' : state.status };
    case 'list.answered':
      return event.result.ok ? { ...state, busy: false, items: event.result.value } : failed(state, event.result);
    case 'change.answered': {
      if (!event.result.ok) return failed({ ...state, status: event.call === 'create' ? null : state.status }, event.result);
      // The list itself follows the client's change notice (passkeys.changed), as in every other element.
      const closed = event.call === 'rename' ? { editing: null } : event.call === 'remove' ? { confirming: null } : {};
      return { ...state, ...closed, busy: false, status: done[event.call] };
    }
    case 'passkeys.changed':
      return state.items ? { ...state, items: applyChange(state.items, event.change) } : state;
  }
}

/** A closed browser prompt is a change of mind, not an error; anything else is shown. The open form stays open. */
function failed(state: PasskeyView, result: { error: CiamErrorData; cancelled?: true }): PasskeyView {
  return { ...state, busy: false, error: result.cancelled ? null : result.error };
}

/** Idempotent: the element that asked and every other one apply the same notice. */
export function applyChange(items: Passkey[], change: PasskeyChange): Passkey[] {
  switch (change.type) {
    case 'created':
      return [change.passkey, ...items.filter((p) => p.id !== change.passkey.id)];
    case 'renamed':
      return items.map((p) => (p.id === change.passkey.id ? change.passkey : p));
    case 'removed':
      return items.filter((p) => p.id !== change.id);
  }
}
