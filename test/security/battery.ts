/**
 * The attack battery's tally: each security test says how many vectors it
 * tried and how many were rejected as they should be. `npm test -- security`
 * (scripts/test.ts) sets CIAM_BATTERY_LOG and prints the totals per category;
 * without it (a single file run by hand) nothing is written.
 */
import { appendFileSync } from 'node:fs';

export interface Tally {
  category: string;
  tried: number;
  rejected: number;
}

export function recordVectors(category: string, tried: number, rejected: number): void {
  const log = process.env.CIAM_BATTERY_LOG;
  if (log) appendFileSync(log, `${JSON.stringify({ category, tried, rejected } satisfies Tally)}\n`);
}
