// Which Chromium the tests drive (DESIGN.md §6): Playwright's own if it is
// installed, else Debian's /usr/bin/chromium, else $CHROME_PATH.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright';

export function chromiumPath() {
  const candidates = [chromium.executablePath(), '/usr/bin/chromium', process.env.CHROME_PATH];
  const found = candidates.find((path) => path && existsSync(path));
  if (!found) throw new Error('No Chromium found: install Debian\'s "chromium" package or set CHROME_PATH');
  return found;
}

/** Flags for a closed network (no background calls to Google's hosts). */
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
