/**
 * A wait in words, for countdowns ("13 minutes and 12 seconds", "13 Minuten
 * und 12 Sekunden"): Intl.NumberFormat's units joined by Intl.ListFormat, both
 * in Node 20 and every current browser. Intl.DurationFormat would do the same
 * but is missing from Node 20 and older Safari, and one path gives the same
 * words everywhere. Two units at most: a countdown needs no more precision.
 */
export function formatDuration(totalSeconds: number, locale: string): string {
  const seconds = Math.max(0, Math.ceil(totalSeconds));
  const parts: [number, 'hour' | 'minute' | 'second'][] = [
    [Math.floor(seconds / 3600), 'hour'],
    [Math.floor((seconds % 3600) / 60), 'minute'],
    [seconds % 60, 'second'],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  const shown = first < 0 ? parts.slice(2) : parts.slice(first, first + 2).filter(([n]) => n > 0);
  const words = shown.map(([n, unit]) => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(n));
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(words);
}
