/** The parts of the first screen, loaded with the page: discovery and the signed-out screen, passkey autofill. */
import { discoveryPart } from './discovery.js';
import { autofillPart } from './autofill.js';
import type { Part } from './part.js';

export { initialState } from './discovery.js';

export const firstParts: readonly Part[] = [discoveryPart, autofillPart];
