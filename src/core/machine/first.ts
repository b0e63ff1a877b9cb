/** The parts of the first screen, loaded with the page: discovery, passkey autofill, the embedded flow. */
import { autofillPart } from './passkeys.js';
import { discoveryPart } from './discovery.js';
import { flowPart } from './flow.js';
import type { Part } from './part.js';

export { initialState } from './discovery.js';

export const firstParts: readonly Part[] = [discoveryPart, autofillPart, flowPart];
