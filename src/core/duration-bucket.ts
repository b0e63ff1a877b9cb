/**
 * A journey's duration, coarse so it cannot single anyone out (core/journey.ts). Its own module: the
 * elements' own journeys (elements/shared/journey.ts) load with the first paint and need only this,
 * not the machine's journey rules, which load when the page idles.
 */
export type DurationBucket = '<1s' | '1-3s' | '3-10s' | '10-30s' | '30-60s' | '1-3min' | '3-10min' | '>10min';

const BUCKETS: [number, DurationBucket][] = [
  [1_000, '<1s'],
  [3_000, '1-3s'],
  [10_000, '3-10s'],
  [30_000, '10-30s'],
  [60_000, '30-60s'],
  [180_000, '1-3min'],
  [600_000, '3-10min'],
];

export function durationBucket(ms: number): DurationBucket {
  return BUCKETS.find(([limit]) => ms < limit)?.[1] ?? '>10min';
}
