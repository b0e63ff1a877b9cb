/**
 * What <ciam-passkey> shows, as a pure reducer: `passkeyView(state, event)`.
 * Its card (passkey-card.ts) dispatches what happened (a click, the client's
 * answer, a change announced by the client) and renders the result, and moves
 * focus where `focus` says (a new object per move); calls stay in the card.
 * Tested as data in passkey-state.test.ts.
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
  /** The rename form was sent with an empty name. */
  nameInvalid: boolean;
  /** The row that takes focus once the passkey being confirmed is removed (the next one, else the one before). */
  afterRemove: string | null;
  /** Where focus goes after this change: never left on a button that went away (the page's body). */
  focus: PasskeyFocus | null;
}

/** A focus move; `id` is a passkey's. */
export type PasskeyFocus = { to: 'error' | 'title' | 'add' | 'confirm' } | { to: 'name' | 'rename-field' | 'rename-button' | 'remove-button'; id: string };

export type PasskeyViewEvent =
  /** Another user signed in, or none, or another API: start over. */
  | { type: 'user.changed' }
  | { type: 'rename.opened' | 'remove.opened'; id: string }
  | { type: 'rename.cancelled' | 'remove.cancelled' }
  /** The rename form was sent without a name: it stays open and says so. */
  | { type: 'rename.invalid' }
  | { type: 'call.started'; call: PasskeyCall }
  | { type: 'list.answered'; result: PasskeyResult<Passkey[]> }
  | { type: 'change.answered'; call: Exclude<PasskeyCall, 'list'>; result: PasskeyResult<unknown> }
  /** The client made a change (here, or in another element such as the offer in <ciam-login>). */
  | { type: 'passkeys.changed'; change: PasskeyChange };

export const initialPasskeyView: PasskeyView = {
  items: null,
  busy: false,
  editing: null,
  confirming: null,
  error: null,
  status: null,
  nameInvalid: false,
  afterRemove: null,
  focus: null,
};

const done = { create: 'passkey.added', rename: 'passkey.renamed', remove: 'passkey.removed' } as const;

export function passkeyView(state: PasskeyView, event: PasskeyViewEvent): PasskeyView {
  switch (event.type) {
    case 'user.changed':
      return initialPasskeyView;
    case 'rename.opened':
      return { ...state, editing: event.id, confirming: null, nameInvalid: false, focus: { to: 'rename-field', id: event.id } };
    case 'remove.opened':
      return { ...state, confirming: event.id, editing: null, nameInvalid: false, afterRemove: neighbour(state.items, event.id), focus: { to: 'confirm' } };
    case 'rename.cancelled':
      return state.editing ? { ...state, editing: null, nameInvalid: false, focus: { to: 'rename-button', id: state.editing } } : state;
    case 'remove.cancelled':
      return state.confirming ? { ...state, confirming: null, focus: { to: 'remove-button', id: state.confirming } } : state;
    case 'rename.invalid':
      return state.editing ? { ...state, nameInvalid: true, focus: { to: 'rename-field', id: state.editing } } : state;
    case 'call.started':
      return { ...state, busy: true, error: null, nameInvalid: false, status: event.call === 'create' ? 'passkey.adding' : state.status };
    case 'list.answered':
      // No focus move: the list loads on its own, not because the user acted.
      return event.result.ok ? { ...state, busy: false, items: event.result.value } : failed(state, event.result, null);
    case 'change.answered':
      return answered(state, event);
    case 'passkeys.changed':
      return state.items ? { ...state, items: applyChange(state.items, event.change) } : state;
  }
}

function answered(state: PasskeyView, event: Extract<PasskeyViewEvent, { type: 'change.answered' }>): PasskeyView {
  const { call, result } = event;
  // A closed prompt leaves the user where they were: on "Add a passkey".
  if (!result.ok) return failed({ ...state, status: call === 'create' ? null : state.status }, result, result.cancelled ? { to: 'add' } : { to: 'error' });
  // The list itself follows the client's change notice (passkeys.changed), as in every other element.
  const next = { ...state, busy: false, status: done[call] };
  switch (call) {
    case 'create': {
      const id = (result.value as { id?: unknown } | undefined)?.id;
      return { ...next, focus: typeof id === 'string' ? { to: 'name', id } : { to: 'title' } };
    }
    case 'rename':
      return { ...next, editing: null, focus: state.editing ? { to: 'rename-button', id: state.editing } : null };
    case 'remove': {
      const id = state.afterRemove;
      const stays = id !== null && !!state.items?.some((p) => p.id === id);
      return { ...next, confirming: null, afterRemove: null, focus: stays ? { to: 'name', id } : { to: 'title' } };
    }
  }
}

/** The passkey after `id` in the list, else the one before it. */
function neighbour(items: Passkey[] | null, id: string): string | null {
  const at = items?.findIndex((p) => p.id === id) ?? -1;
  if (!items || at < 0) return null;
  return (items[at + 1] ?? items[at - 1])?.id ?? null;
}

/** A closed browser prompt is a change of mind, not an error; anything else is shown. The open form stays open. */
function failed(state: PasskeyView, result: { error: CiamErrorData; cancelled?: true }, focus: PasskeyFocus | null): PasskeyView {
  return { ...state, busy: false, error: result.cancelled ? null : result.error, focus };
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
