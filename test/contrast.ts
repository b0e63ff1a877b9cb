/** WCAG 2.x relative luminance and contrast ratio, for the browser checks and the e2e specs alike. */

/** An sRGB colour as [r, g, b] (0–255), alpha after it ignored, or a computed `rgb()`/`rgba()` string. */
export type Colour = readonly number[] | string;

function channels(colour: Colour): number[] {
  return typeof colour === 'string' ? (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number) : colour.slice(0, 3);
}

function luminance(colour: Colour): number {
  const [r = 0, g = 0, b = 0] = channels(colour).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: Colour, b: Colour): number {
  const [hi = 0, lo = 0] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
