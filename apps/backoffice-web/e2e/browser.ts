/// <reference lib="dom" />
import { existsSync, mkdirSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`); Playwright's own browser downloads are not available here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether the browser tests can run. Outside CI a machine without Chromium skips them with a note; in CI (`CI` set,
 * where .ci/run installs Chromium first) a missing browser fails the run.
 */
export const chromiumAvailable = (): boolean => {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing: install it with "apt-get install -y chromium"`);
  process.stderr.write(`Skipping the console's browser tests: ${CHROMIUM} is missing (apt-get install -y chromium)\n`);
  return false;
};

/** Headless Chromium with a fresh profile and no background traffic (the machine has no network beyond loopback). */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });

/**
 * Screenshots of the main screens when `SCREENSHOTS` names a folder (relative to the repository root), e.g.
 * `SCREENSHOTS=docs/screenshots npm test -- console`; otherwise a no-op.
 */
export const screenshots = (root: string) => {
  const folder = process.env.SCREENSHOTS ? (isAbsolute(process.env.SCREENSHOTS) ? process.env.SCREENSHOTS : join(root, process.env.SCREENSHOTS)) : null;
  if (folder) mkdirSync(folder, { recursive: true });
  return async (page: Page, name: string, fullPage = true): Promise<void> => {
    if (!folder) return;
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.screenshot({ path: join(folder, `${name}.png`), fullPage, animations: 'disabled' });
  };
};
