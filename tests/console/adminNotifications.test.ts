/**
 * The administrator's page of outgoing notifications: with the webhook receiver down, the
 * notification of a new request fails after its only attempt; the page lists it with its error under
 * "failed". Once the receiver is up, "send again" delivers it. Another role cannot open the page.
 */
import http from 'node:http';
import net from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBus, type TestBus } from '../support/bus.ts';
import { launchBrowser, newConsolePage, signIn } from './browser.ts';

const WAIT = { timeout: 60_000 };
let browser: Browser;
let bus: TestBus;
let hookPort: number;
let receiver: http.Server | undefined;
const received: string[] = [];

/** A port nothing listens on: taken, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function account(role: 'administrator' | 'requester') {
  const found = bus.system.demo?.accounts.find((entry) => entry.role === role);
  if (!found) throw new Error(`no demo ${role}`);
  return found;
}

beforeAll(async () => {
  browser = await launchBrowser();
  bus = await startTestBus('penghubung-console-notifications-', {
    PENGHUBUNG_WEBHOOK_URL: `http://127.0.0.1:${(hookPort = await closedPort())}/hook`,
    PENGHUBUNG_NOTIFY_MAX_ATTEMPTS: '1',
    PENGHUBUNG_NOTIFY_TIMEOUT_MS: '1000',
  });
}, 300_000);

afterAll(async () => {
  receiver?.close();
  await browser?.close();
  await bus?.close();
});

describe('outgoing notifications in the console', () => {
  it('lists a failed webhook with its error and sends it again', async () => {
    const demo = bus.system.demo!;
    const now = Date.now();
    const submitted = await bus.call(demo.requesterToken, 'POST', '/v1/access-requests', {
      clientId: demo.clientId,
      graph: 'semua',
      coordinates: ['Penduduk.pekerjaan'],
      purpose: 'Analisis ketenagakerjaan daerah',
      legalBasis: 'Perbup Pacitan 138/2023',
      periodStart: new Date(now).toISOString(),
      periodEnd: new Date(now + 30 * 86_400_000).toISOString(),
    });
    expect(submitted.status).toBe(201);

    const { context, page, pageErrors } = await newConsolePage(browser);
    await signIn(page, bus.registryUrl, account('administrator').email, account('administrator').password);
    await page.getByTestId('nav-administrator-notifications').click();
    const failed = page.getByTestId('notifications-table').getByTestId('table-row').filter({ hasText: 'access_request.submitted' });
    await expect
      .poll(async () => {
        await page.getByTestId('notification-status').getByText('Menunggu').click();
        await page.getByTestId('notification-status').getByText('Gagal').click();
        return failed.count();
      }, WAIT)
      .toBeGreaterThanOrEqual(1);
    await expect(failed.first().innerText()).resolves.toMatch(/ECONNREFUSED|connect|refused/i);

    // The receiver comes up; sent again, the notification is delivered and leaves the failed list.
    receiver = http.createServer((request, response) => {
      const header = request.headers['x-penghubung-event'];
      received.push(Array.isArray(header) ? header.join(',') : (header ?? ''));
      request.resume();
      response.end('ok');
    });
    await new Promise<void>((resolve) => receiver!.listen(hookPort, '127.0.0.1', resolve));
    await failed.first().getByTestId('notification-retry').click();
    await expect.poll(() => received, WAIT).toContain('access_request.submitted');
    await expect
      .poll(async () => {
        await page.getByTestId('notification-status').getByText('Terkirim').click();
        return page.getByTestId('notifications-table').getByTestId('table-row').filter({ hasText: 'access_request.submitted' }).count();
      }, WAIT)
      .toBeGreaterThanOrEqual(1);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('is not reachable for a requester, in the page or the API', async () => {
    const { context, page } = await newConsolePage(browser);
    await signIn(page, bus.registryUrl, account('requester').email, account('requester').password);
    await page.goto(`${bus.registryUrl}/console/admin/notifikasi`);
    await page.getByTestId('not-allowed').waitFor(WAIT);
    const status = await page.evaluate(async () => (await fetch('/v1/admin/notifications?status=failed')).status);
    expect(status).toBe(403);
    await context.close();
  });
});
