/**
 * The name a new passkey gets when the user gave none: the browser and the
 * system it was made on ("Chrome on Linux"), which is what tells two passkeys
 * apart in the list; the date only when neither is known; " (2)" when the
 * account already has a passkey of that name. Pure: the element passes in
 * what the browser says (`navigator.userAgentData`, `navigator.userAgent`),
 * today's date and its messages. Used by <ciam-passkey> and the offer.
 */

/** What `navigator.userAgentData` says (Chromium browsers; not Firefox or Safari). */
export interface UaData {
  brands?: readonly { brand: string }[];
  platform?: string;
}

export interface BrowserInfo {
  userAgent: string;
  userAgentData?: UaData;
  /** iPadOS calls itself macOS; a touch screen tells them apart. */
  maxTouchPoints?: number;
}

export interface NameTexts {
  /** '{browser} on {os}' */
  device(browser: string, os: string): string;
  /** 'Passkey from {date}', when the browser tells nothing. */
  dated(): string;
}

export interface Device {
  browser: string | null;
  os: string | null;
}

// Order matters: Edge, and Chrome on iOS, also say "Chrome" or "Safari".
const browsers: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\b(Firefox|FxiOS)\//, 'Firefox'],
  [/\b(Chrome|CriOS|Chromium)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];

const systems: [RegExp, string][] = [
  [/\bWindows\b/, 'Windows'],
  [/\b(iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

const brandNames: [string, string][] = [
  ['Microsoft Edge', 'Edge'],
  ['Google Chrome', 'Chrome'],
  ['Chromium', 'Chromium'],
];

const platformNames: Record<string, string> = { 'Chrome OS': 'ChromeOS', 'Chromium OS': 'ChromeOS' };

/** Browser and system, from the client hints when the browser has them, else from the user agent string. */
export function describeDevice({ userAgent, userAgentData, maxTouchPoints = 0 }: BrowserInfo): Device {
  const brands = userAgentData?.brands?.map((b) => b.brand) ?? [];
  const fromBrand = brandNames.find(([brand]) => brands.includes(brand))?.[1] ?? null;
  const platform = userAgentData?.platform?.trim();
  let os = platform ? (platformNames[platform] ?? platform) : (systems.find(([re]) => re.test(userAgent))?.[1] ?? null);
  if (os === 'macOS' && maxTouchPoints > 1) os = 'iOS'; // an iPad asking for the desktop site
  return { browser: fromBrand ?? browsers.find(([re]) => re.test(userAgent))?.[1] ?? null, os };
}

/** The default name: device, or the date; made unique among `existing` (compared without case or outer spaces). */
export function defaultPasskeyName(device: Device, existing: readonly string[], texts: NameTexts): string {
  const base = device.browser && device.os ? texts.device(device.browser, device.os) : (device.browser ?? device.os ?? texts.dated());
  const taken = new Set(existing.map((name) => name.trim().toLowerCase()));
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} (${n})`;
  return name;
}

/** What this browser says about itself. */
export function currentBrowser(): BrowserInfo {
  const nav = globalThis.navigator as (Navigator & { userAgentData?: UaData }) | undefined;
  return { userAgent: nav?.userAgent ?? '', userAgentData: nav?.userAgentData, maxTouchPoints: nav?.maxTouchPoints };
}
