/**
 * What <ciam-profile> remembers per user in this browser: how many times
 * they signed in here (for "from the Nth sign-in"), and until when each ask
 * is skipped. No profile values: those live at the OP or with the page.
 */
const PREFIX = 'ciam.profile:';

export interface ProfileMemory {
  signIns: number;
  skipped: Record<string, number>;
}

export function remembered(sub: string): ProfileMemory {
  try {
    const raw = JSON.parse(localStorage.getItem(PREFIX + sub) ?? 'null') as Partial<ProfileMemory> | null;
    return { signIns: typeof raw?.signIns === 'number' ? raw.signIns : 0, skipped: raw?.skipped && typeof raw.skipped === 'object' ? raw.skipped : {} };
  } catch {
    return { signIns: 0, skipped: {} }; // no storage (a private window's quota): every visit is the first
  }
}

export function remember(sub: string, change: (memory: ProfileMemory) => ProfileMemory): ProfileMemory {
  const next = change(remembered(sub));
  try {
    localStorage.setItem(PREFIX + sub, JSON.stringify(next));
  } catch {
    // Not kept: the next visit asks again, which is the safe side.
  }
  return next;
}
