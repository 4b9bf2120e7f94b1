/**
 * The outbox is durable: a request submitted while no notification worker runs (the registry stopped
 * before delivering) is delivered once by the registry started again on the same database — PGlite
 * in a folder, or the test's PostgreSQL database — and not again afterwards.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../drizzle/database.ts';
import type { DatabaseHandle } from '../../drizzle/database.ts';
import { notificationOutbox } from '../../drizzle/schema/index.ts';
import { ensureBootstrap } from '../../registry/bootstrap.ts';
import { buildRegistry } from '../../registry/buildRegistry.ts';
import { startNotificationWorker } from '../../registry/notifications/worker.ts';
import { createTestDatabase, testDatabaseUrl } from '../support/database.ts';
import type { TestDatabase } from '../support/database.ts';
import { testConfig } from '../support/registry.ts';
import { startMailReceiver, startWebhookReceiver } from './receivers.ts';

describe('the notification outbox across a registry restart', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  });

  it('delivers what was committed before the stop once, after the start', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'penghubung-outbox-'));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    // On PostgreSQL the database of this file outlives each handle; on PGlite, the folder does.
    let testDatabase: TestDatabase | undefined;
    if (testDatabaseUrl()) {
      testDatabase = await createTestDatabase();
      cleanups.push(() => testDatabase!.drop());
    }
    const open = async (): Promise<DatabaseHandle> => {
      const handle = await openDatabase({ url: testDatabase?.url ?? undefined, dataDir: path.join(folder, 'pglite') });
      await handle.migrate();
      return handle;
    };

    // First run: the registry takes the request, then stops before any worker delivered it.
    const first = await open();
    const bootstrap = await ensureBootstrap(first, { adminName: 'Admin Kominfo', adminEmail: 'admin@kominfo.test' });
    const registry = await buildRegistry({ database: first, config: testConfig });
    const url = await registry.listen({ host: '127.0.0.1', port: 0 });
    const call = async (token: string, method: string, route: string, body: unknown, status: number) => {
      const response = await fetch(`${url}${route}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json = await response.json();
      expect(response.status, JSON.stringify(json)).toBe(status);
      return json;
    };
    const admin = bootstrap.adminToken!;
    await call(admin, 'POST', '/v1/admin/agencies', { slug: 'disdukcapil', name: 'Dinas Kependudukan dan Pencatatan Sipil' }, 201);
    const publisher = (await call(admin, 'POST', '/v1/admin/users', { name: 'Ani', email: 'ani@dukcapil.test', role: 'publisher', agency: 'disdukcapil' }, 201)).token.token;
    const requester = (await call(admin, 'POST', '/v1/admin/users', { name: 'Budi', email: 'budi@startup.test', role: 'requester', organization: 'PT Startup' }, 201)).token.token;
    const schema = await readFile(new URL('../access/fixtures/dukcapil.graphql', import.meta.url), 'utf8');
    await call(publisher, 'POST', '/v1/subgraphs/publish', { name: 'dukcapil', theme: 'kependudukan', routingUrl: 'http://127.0.0.1:4101/graphql', schema }, 201);
    const client = await call(requester, 'POST', '/v1/clients', { name: 'Aplikasi Startup', contact: 'budi@startup.test' }, 201);
    const request = await call(
      requester,
      'POST',
      '/v1/access-requests',
      {
        clientId: client.id,
        graph: 'semua',
        coordinates: ['Penduduk.nama'],
        purpose: 'Verifikasi data',
        legalBasis: 'Perbup Pacitan 138/2023 Pasal 5',
        periodStart: new Date(Date.now() - 86_400_000).toISOString(),
        periodEnd: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      },
      201,
    );
    await registry.close();
    await first.close();

    // Second run on the same database, now with the worker.
    const webhook = await startWebhookReceiver();
    cleanups.push(() => webhook.close());
    const mail = await startMailReceiver();
    cleanups.push(() => mail.close());
    const second = await open();
    cleanups.push(() => second.close());
    const worker = await startNotificationWorker({
      database: second,
      keysDir: path.join(folder, 'keys'),
      webhookUrl: webhook.url,
      smtp: { url: mail.url, from: 'penghubung@kominfo.test' },
      consoleUrl: 'http://127.0.0.1:4100/console',
      timeoutMs: 2_000,
      pollMs: 50,
    });
    cleanups.push(() => worker.close());

    await vi.waitFor(() => {
      expect(webhook.received).toHaveLength(1);
      expect(mail.received).toHaveLength(1);
    }, { timeout: 30_000, interval: 50 });
    expect(JSON.parse(webhook.received[0]!.body)).toMatchObject({ event: 'access_request.submitted', request: { id: request.id } });
    expect(mail.received[0]!.to).toEqual(['admin@kominfo.test']);

    // Delivered means settled: more polls send nothing again.
    for (let round = 0; round < 5; round += 1) await worker.runOnce();
    expect(webhook.received).toHaveLength(1);
    expect(mail.received).toHaveLength(1);
    const rows = await second.db.select().from(notificationOutbox).where(eq(notificationOutbox.subjectId, request.id));
    expect(rows.map((row) => [row.channel, row.status, row.attempts]).sort()).toEqual([
      ['email', 'delivered', 1],
      ['webhook', 'delivered', 1],
    ]);
  });
});
