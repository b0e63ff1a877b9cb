/** The parts after the first action, loaded together then (one request): step-up before the session it wraps. */
import type { Part } from './part.js';
import { sessionPart } from './session.js';
import { stepUpPart } from './step-up.js';

export const laterParts: readonly Part[] = [stepUpPart, sessionPart];
