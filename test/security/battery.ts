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

/** A test file's tallies per category: `count` each vector as it is tried, `record` them all when the suite ends. */
export function categoryTallies() {
  const tallies: Record<string, { tried: number; rejected: number }> = {};
  return {
    count: (category: string, refused: boolean): void => {
      const tally = (tallies[category] ??= { tried: 0, rejected: 0 });
      tally.tried++;
      if (refused) tally.rejected++;
    },
    record: (): void => {
      for (const [category, { tried, rejected }] of Object.entries(tallies)) recordVectors(category, tried, rejected);
    },
  };
}
