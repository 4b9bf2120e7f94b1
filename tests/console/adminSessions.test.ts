/**
 * The administrator's sessions page in a real browser against a real registry: an administrator sees
 * another user's session (signed in from a second browser), cancels once, then ends it after
 * confirming with a reason; that browser is sent back to sign-in at its next request, the list no
 * longer shows the session, and the trail has the ending.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestRegistry, type TestRegistry } from '../support/registry.ts';
import { launchBrowser, newConsolePage, signIn } from './browser.ts';

const PASSWORD = 'Sandi-Uji-Sesi-2026';
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 30_000, interval: 100 });

let registry: TestRegistry;
let browser: Browser;

beforeAll(async () => {
  [registry, browser] = await Promise.all([startTestRegistry(), launchBrowser()]);
  await registry.must(registry.admin, 'POST', `/v1/admin/users/${registry.admin.id}/password`, { password: PASSWORD }, 200);
  await registry.must(registry.admin, 'POST', '/v1/admin/users', { name: 'Rina Pemohon', email: 'rina@bappeda.test', role: 'requester', password: PASSWORD, issueToken: false }, 201);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await registry?.close();
});

describe('administrator sessions page', () => {
  it('ends another user’s session after confirmation; that browser returns to sign-in', async () => {
    const rina = await newConsolePage(browser);
    await signIn(rina.page, registry.url, 'rina@bappeda.test', PASSWORD);
    const admin = await newConsolePage(browser);
    await signIn(admin.page, registry.url, 'admin@kominfo.test', PASSWORD);

    await admin.page.getByTestId('nav-administrator-sessions').click();
    const table = admin.page.getByTestId('sessions-table');
    const rows = table.getByTestId('table-row');
    await eventually(() => rows.count()).toBe(2);
    await expect(admin.page.getByRole('heading', { name: 'Sesi konsol' }).isVisible()).resolves.toBe(true);
    const own = rows.filter({ hasText: 'admin@kominfo.test' });
    await expect(own.getByTestId('session-current').textContent()).resolves.toBe('Sesi Anda');
    const row = rows.filter({ hasText: 'rina@bappeda.test' });
    await expect(row.innerText()).resolves.toContain('Pemohon');
    await expect(row.innerText()).resolves.toContain('127.0.0.1');
    await expect(row.innerText()).resolves.toContain('HeadlessChrome');

    // Cancelling ends nothing.
    await row.getByTestId('session-end').click();
    await admin.page.getByTestId('session-end-confirm').waitFor();
    await expect(admin.page.getByTestId('session-end-confirm').innerText()).resolves.toContain('rina@bappeda.test');
    await admin.page.getByRole('button', { name: 'Batal' }).click();
    await admin.page.getByTestId('session-end-confirm').waitFor({ state: 'hidden' });
    await rina.page.reload();
    await rina.page.getByTestId('user-name').waitFor();

    await row.getByTestId('session-end').click();
    await admin.page.getByTestId('session-end-reason').fill('laptop hilang');
    await admin.page.getByTestId('session-end-submit').click();
    await eventually(() => admin.page.getByTestId('session-notice').innerText()).toContain('rina@bappeda.test');
    await eventually(() => rows.count()).toBe(1);
    await expect(rows.first().innerText()).resolves.toContain('admin@kominfo.test');

    // Rina's next request is refused: the console returns to sign-in.
    await rina.page.reload();
    await rina.page.getByTestId('sign-in-email').waitFor();

    const trail = await registry.must(registry.admin, 'GET', '/v1/admin/trail?action=session.ended', undefined, 200);
    expect(JSON.stringify(trail)).toContain('laptop hilang');
    expect(rina.pageErrors).toEqual([]);
    expect(admin.pageErrors).toEqual([]);
    await rina.context.close();
    await admin.context.close();
  });
});
