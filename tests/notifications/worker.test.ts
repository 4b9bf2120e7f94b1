/**
 * The notification worker's own lifecycle, on outbox rows written directly: a stop cuts the attempt in
 * flight (a receiver that never answers) and gives its row back uncounted, delivered by the next
 * start with the same delivery id; old delivered and skipped rows are deleted, failed ones kept.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { notificationOutbox } from '../../drizzle/schema/index.ts';
import type { NewNotificationOutboxRow } from '../../drizzle/schema/index.ts';
import type { NotificationFacts } from '../../registry/notifications/events.ts';
import { startNotificationWorker } from '../../registry/notifications/worker.ts';
import { createTestDatabase } from '../support/database.ts';
import type { TestDatabase } from '../support/database.ts';
import { startWebhookReceiver } from './receivers.ts';
import type { WebhookReceiver } from './receivers.ts';

const DAY = 86_400_000;

function row(values: Partial<NewNotificationOutboxRow> = {}): NewNotificationOutboxRow {
  const id = randomUUID();
  const facts: NotificationFacts = {
    event: 'access_request.submitted',
    occurredAt: new Date().toISOString(),
    waitingFor: { role: 'administrator' },
    path: '/console/admin/permohonan',
    request: { id, status: 'pending', graph: 'semua', client: 'SIPD', organization: '', purpose: 'Perencanaan' },
  };
  return { event: facts.event, channel: 'webhook', subjectType: 'access_request', subjectId: id, payload: facts, ...values };
}

describe('the notification worker’s lifecycle', () => {
  let database: TestDatabase;
  let webhook: WebhookReceiver;
  let folder: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    webhook = await startWebhookReceiver();
    folder = await mkdtemp(path.join(tmpdir(), 'penghubung-worker-'));
  });
  afterAll(async () => {
    await webhook?.close();
    await database?.drop();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  const start = () =>
    startNotificationWorker({
      database: database.handle,
      keysDir: path.join(folder, 'keys'),
      webhookUrl: webhook.url,
      consoleUrl: 'http://127.0.0.1:4100/console',
      // Far beyond the test: only the stop can end the hanging attempt.
      timeoutMs: 120_000,
      pollMs: 20,
      onError: () => {},
    });
  const stored = async (id: string) => (await database.handle.db.select().from(notificationOutbox).where(eq(notificationOutbox.id, id)))[0]!;

  it('cuts the attempt in flight when stopped, gives the row back uncounted, and the next start delivers it with the same delivery id', async () => {
    webhook.setDefault('hang');
    const [inserted] = await database.handle.db.insert(notificationOutbox).values(row()).returning();
    const first = await start();
    await vi.waitFor(() => expect(webhook.received).toHaveLength(1), { timeout: 30_000, interval: 20 });
    await first.close();
    expect(await stored(inserted!.id)).toMatchObject({ status: 'pending', attempts: 0, lastError: expect.stringContaining('interrupted by the registry stopping') });

    webhook.setDefault('ok');
    const second = await start();
    try {
      await vi.waitFor(async () => expect(await stored(inserted!.id)).toMatchObject({ status: 'delivered', attempts: 1, lastError: null }), { timeout: 30_000, interval: 20 });
    } finally {
      await second.close();
    }
    expect(webhook.received.map((hook) => hook.headers['x-penghubung-delivery'])).toEqual([inserted!.id, inserted!.id]);
  });

  it('deletes delivered and skipped rows older than the retention, and keeps failed, pending and recent ones', async () => {
    const old = new Date(Date.now() - 120 * DAY);
    const later = new Date(Date.now() + 365 * DAY); // not due during the test
    const rows = await database.handle.db
      .insert(notificationOutbox)
      .values([
        row({ status: 'delivered', occurredAt: old, deliveredAt: old }),
        row({ status: 'skipped', occurredAt: old }),
        row({ status: 'failed', occurredAt: old, lastError: 'the webhook answered HTTP 500' }),
        row({ status: 'pending', occurredAt: old, nextAttemptAt: later }),
        row({ status: 'delivered', occurredAt: new Date(Date.now() - 10 * DAY), deliveredAt: new Date() }),
      ])
      .returning();
    const worker = await start();
    try {
      await worker.prune();
    } finally {
      await worker.close();
    }
    const left = await database.handle.db.select({ id: notificationOutbox.id }).from(notificationOutbox);
    const ids = new Set(left.map((entry) => entry.id));
    expect(rows.map((entry) => ids.has(entry.id))).toEqual([false, false, true, true, true]);
  });
});
