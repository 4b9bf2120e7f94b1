/**
 * A session of one role cannot reach another role's pages or API calls: for each of the four demo
 * accounts, every other role's section answers "not allowed" in the page, and a representative API
 * call of that role, made from the page with the session cookie (and its CSRF token where it
 * changes something), answers 403. Each role's pages are a chunk of their own: a session fetches its
 * role's chunk only, a loading state in the chosen language while it comes, a reload offered when
 * it cannot be fetched.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBus, type TestBus } from '../support/bus.ts';
import { launchBrowser, newConsolePage, signIn } from './browser.ts';

type Role = 'administrator' | 'publisher' | 'requester' | 'evaluator';
const SECTION: Record<Role, string> = { administrator: 'admin', publisher: 'penerbit', requester: 'pemohon', evaluator: 'evaluator' };
/** A call of that role's work (an administrator may also make the publisher's and evaluator's). */
const CALL: Record<Role, { method: string; path: string }> = {
  administrator: { method: 'GET', path: '/v1/admin/users' },
  publisher: { method: 'POST', path: '/v1/subgraphs/check' },
  requester: { method: 'POST', path: '/v1/clients' },
  evaluator: { method: 'GET', path: '/v1/log/stats?from=2026-01-01&to=2026-01-02' },
};
const ROLES = Object.keys(SECTION) as Role[];
/** A section's chunk as the console's build names it (console/vite.config.ts). */
const SECTION_CHUNK = /\/console\/assets\/(administrator|publisher|requester|evaluator)-[\w-]+\.js$/;

let browser: Browser;
let bus: TestBus;

beforeAll(async () => {
  browser = await launchBrowser();
  bus = await startTestBus('penghubung-console-roles-');
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await bus?.close();
});

describe('role separation in the console', () => {
  for (const role of ROLES) {
    it(`a ${role} reaches only its own pages and calls`, async () => {
      const account = bus.system.demo!.accounts.find((entry) => entry.role === role)!;
      const { context, page, pageErrors } = await newConsolePage(browser);
      const sectionChunks = new Set<string>();
      page.on('request', (request) => {
        const chunk = SECTION_CHUNK.exec(new URL(request.url()).pathname);
        if (chunk) sectionChunks.add(chunk[1]!);
      });
      const cspViolations: string[] = [];
      page.on('console', (message) => {
        if (message.text().includes('Content Security Policy')) cspViolations.push(message.text());
      });
      await signIn(page, bus.registryUrl, account.email, account.password);
      expect(new URL(page.url()).pathname).toBe(`/console/${SECTION[role]}`);
      const csrf = await page.evaluate(async () => ((await (await fetch('/v1/session')).json()) as { csrfToken: string }).csrfToken);

      for (const other of ROLES.filter((entry) => entry !== role)) {
        await page.goto(`${bus.registryUrl}/console/${SECTION[other]}`);
        await page.getByTestId('not-allowed').waitFor({ timeout: 30_000 });
        // By design an administrator may also check schemas and read the log (it oversees both);
        // its console still keeps to its own pages.
        if (role === 'administrator' && (other === 'evaluator' || other === 'publisher')) continue;
        const status = await page.evaluate(
          async ({ call, token }) =>
            (
              await fetch(call.path, {
                method: call.method,
                headers: { 'content-type': 'application/json', 'x-csrf-token': token },
                ...(call.method === 'GET' ? {} : { body: '{}' }),
              })
            ).status,
          { call: CALL[other], token: csrf },
        );
        expect(status, `${role} → ${other}: ${CALL[other].method} ${CALL[other].path}`).toBe(403);
      }
      // Its own section renders.
      await page.goto(`${bus.registryUrl}/console/${SECTION[role]}`);
      await page.getByTestId('page-title').first().waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('not-allowed').count()).toBe(0);
      // Another role's pages (the evaluator's charts among them) were never downloaded.
      expect([...sectionChunks]).toEqual([role]);
      expect(cspViolations).toEqual([]);
      expect(pageErrors).toEqual([]);
      await context.close();
    });
  }

  it('shows a loading state in the chosen language while the section comes, and a reload when it cannot', async () => {
    const account = bus.system.demo!.accounts.find((entry) => entry.role === 'evaluator')!;
    const { context, page, pageErrors } = await newConsolePage(browser);
    // The section's chunk held back until the loading state has been seen, then refused once.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let refuse = false;
    await page.route(SECTION_CHUNK, async (route) => {
      if (refuse) return route.abort('connectionfailed');
      await held;
      return route.continue();
    });
    await page.goto(`${bus.registryUrl}/console/`);
    await page.getByTestId('language-switch').getByText('EN').click();
    await page.getByTestId('sign-in-email').fill(account.email);
    await page.getByTestId('sign-in-password').fill(account.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('page-loading').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('page-loading').innerText()).toBe('Loading…');
    release();
    await page.getByTestId('user-name').waitFor({ timeout: 30_000 });

    // A fresh load (as after a new build replaced the files) whose chunk cannot be fetched.
    refuse = true;
    await page.getByTestId('language-switch').getByText('ID').click();
    await page.reload();
    await page.getByTestId('load-failed').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('load-failed').innerText()).toContain('Halaman tidak dapat dimuat');
    refuse = false;
    await page.getByTestId('load-failed').getByRole('button', { name: 'Muat ulang' }).click();
    await page.getByTestId('user-name').waitFor({ timeout: 30_000 });
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
