// Before the e2e run: an empty journey log, so the privacy scan reads this run's events only.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export default function globalSetup() {
  const log = process.env.CIAM_JOURNEY_LOG;
  if (!log) return;
  mkdirSync(dirname(log), { recursive: true });
  writeFileSync(log, '');
}
