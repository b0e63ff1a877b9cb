/**
 * What <ciam-profile> remembers per user in this browser: how many times
 * they signed in here (for "from the Nth sign-in"), and until when each ask
 * is skipped (localStorage); how many fields this visit has asked
 * (sessionStorage: a visit is this tab from the sign-in on). Under a hash of
 * the user's `sub`, so the key names nobody, and no profile values: those
 * live at the OP or with the page.
 */
const PREFIX = 'ciam.profile:';
const VISIT_PREFIX = 'ciam.profile.visit:';

export interface ProfileMemory {
  signIns: number;
  skipped: Record<string, number>;
}

/** SHA-256 of the subject, hex: a stable key that names nobody. */
async function keyFor(sub: string, prefix = PREFIX): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(sub));
  return prefix + [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function remembered(sub: string): Promise<ProfileMemory> {
  try {
    const raw = JSON.parse(localStorage.getItem(await keyFor(sub)) ?? 'null') as Partial<ProfileMemory> | null;
    return { signIns: typeof raw?.signIns === 'number' ? raw.signIns : 0, skipped: raw?.skipped && typeof raw.skipped === 'object' ? raw.skipped : {} };
  } catch {
    return { signIns: 0, skipped: {} }; // no storage (a private window's quota): every visit is the first
  }
}

export async function remember(sub: string, change: (memory: ProfileMemory) => ProfileMemory): Promise<ProfileMemory> {
  const next = change(await remembered(sub));
  try {
    localStorage.setItem(await keyFor(sub), JSON.stringify(next));
  } catch {
    // Not kept: the next visit asks again, which is the safe side.
  }
  return next;
}

/** Fields asked so far in this visit. */
export async function askedThisVisit(sub: string): Promise<number> {
  try {
    const count = Number(sessionStorage.getItem(await keyFor(sub, VISIT_PREFIX)));
    return Number.isInteger(count) && count > 0 ? count : 0;
  } catch {
    return 0;
  }
}

/** Counts fields shown in this visit. */
export async function countVisit(sub: string, fields: number): Promise<void> {
  try {
    const key = await keyFor(sub, VISIT_PREFIX);
    sessionStorage.setItem(key, String((await askedThisVisit(sub)) + fields));
  } catch {
    // Not kept: this visit may ask again, within each prompt's limit.
  }
}

/** A visit ends with the session, or when a new sign-in starts one: its counts go (a signed-out tab keeps nothing about who was here). */
export function endVisits(): void {
  try {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(VISIT_PREFIX)) sessionStorage.removeItem(key);
  } catch {
    // No storage: nothing was kept.
  }
}
