/**
 * The machine over the parts loaded so far. The client starts with the parts
 * of the first screen and loads the rest on the first action; an event no
 * loaded part takes answers `NOT_LOADED`, and the client keeps it, in order,
 * until the rest has loaded. A user's action that comes before the first
 * screen is known answers `NOT_YET` (part.ts), and the client sends it again
 * once that screen shows. With every part present, an event nobody takes
 * leaves the state as it is.
 */
import type { SessionEvent, SessionState, Step } from '../states.js';
import { NOT_MINE, NOT_YET, stay, type Part } from './part.js';

/** "The part that decides this event is not loaded yet." */
export const NOT_LOADED = Symbol('not loaded');

export { NOT_YET };

export type Transition = (state: SessionState, event: SessionEvent) => Step | typeof NOT_LOADED | typeof NOT_YET;

export function compose(parts: readonly Part[], complete: boolean): Transition {
  const transition: Transition = (state, event) => {
    for (const part of parts) {
      const result = part(state, event);
      if (result === NOT_MINE) continue;
      if (result === NOT_YET) return NOT_YET;
      return 'handoff' in result ? transition(state, result.handoff) : result;
    }
    return complete ? stay(state) : NOT_LOADED;
  };
  return transition;
}
