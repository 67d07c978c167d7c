// SPDX-License-Identifier: MIT
// Shared by the browser tests: Debian's Chromium driven by playwright-core (no browser
// download), and the skip rule (skipped with a message only when Chromium is missing and CI is
// not set). Not a test file itself (node --test runs *.test.js only).
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export const skip = !existsSync(CHROMIUM) && !process.env.CI
  ? `${CHROMIUM} not found (apt-get install chromium); skipping the browser test. Set CI=1 to make this a failure.`
  : false;

/** A persistent Chromium context with its profile in `profileDir`. */
export async function launchChromium(profileDir, options = {}) {
  const { chromium } = await import('playwright-core');
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1100, height: 900 }, ...options,
  });
}
