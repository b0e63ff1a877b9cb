/**
 * The parts after the first action, loaded together then (one request; the client fetches them early
 * when the page idles): the embedded flow, step-up before the session it wraps, the session.
 */
import { flowPart } from './flow.js';
import type { Part } from './part.js';
import { sessionPart } from './session.js';
import { stepUpPart } from './step-up.js';

export const laterParts: readonly Part[] = [flowPart, stepUpPart, sessionPart];
