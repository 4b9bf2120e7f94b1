/**
 * A session of one role cannot reach another role's pages or API calls: for each of the four demo
 * accounts, every other role's section answers "not allowed" in the page, and a representative API
 * call of that role, made from the page with the session cookie (and its CSRF token where it
 * changes something), answers 403.
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
      expect(pageErrors).toEqual([]);
      await context.close();
    });
  }
});
