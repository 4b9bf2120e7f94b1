/**
 * The browser for the console's end-to-end tests: Debian's Chromium (/usr/bin/chromium, installed by
 * .ci/run when missing) driven by playwright-core, headless, with the background services that would
 * reach for the internet turned off. Each test file builds the console first (only when its sources
 * changed; parallel files wait for one build).
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureConsoleBuilt } from '../../scripts/consoleBuild.ts';

export const CHROMIUM_PATH = process.env.PENGHUBUNG_CHROMIUM ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium (or set PENGHUBUNG_CHROMIUM)`);
  }
  await ensureConsoleBuilt();
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** A fresh browser profile (its own cookies and storage) with errors of the page kept for asserts. */
export async function newConsolePage(browser: Browser, language: 'id' | 'en' = 'id'): Promise<{ context: BrowserContext; page: Page; pageErrors: string[] }> {
  const context = await browser.newContext({ locale: language === 'id' ? 'id-ID' : 'en-US', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // A page must never run script that came from data: any dialog is a failed escape.
  page.on('dialog', (dialog) => {
    pageErrors.push(`dialog opened: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { context, page, pageErrors };
}

/** Signs in through the sign-in form and waits for the signed-in shell. */
export async function signIn(page: Page, registryUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${registryUrl}/console/`);
  await page.getByTestId('sign-in-email').fill(email);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('user-name').waitFor();
}
