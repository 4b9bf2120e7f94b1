/**
 * The notification worker, run by the registry process beside the log workers (registry/log/
 * workers.ts): every `pollMs` it claims due outbox rows (NotificationRepository.claimDue), delivers
 * each on its channel within `timeoutMs`, and settles it: delivered; due again after a backoff
 * (doubling from `retryBaseMs` up to `retryMaxMs`, with jitter); or, after `maxAttempts`, `failed`,
 * which administrators see at GET /v1/admin/notifications?status=failed and can send again.
 *
 * Delivery is at least once: a row whose process died mid-attempt is claimed again when its lease
 * runs out, with the same delivery id for the receiver to recognise. A row of a channel that is not
 * configured is marked `skipped`. Closing the worker cuts the attempts in flight and puts their rows
 * back as due, the attempt not counted. Delivered and skipped rows are deleted after
 * `retentionDays`; failed ones stay until an administrator sends them again.
 */
import type { DatabaseHandle } from '../../drizzle/database.ts';
import type { NotificationOutboxRow } from '../../drizzle/schema/index.ts';
import { withDeadline } from '../../lib/databaseFaults.ts';
import { loadOrCreateSecretFile } from '../../lib/secretFile.ts';
import { NotificationRepository } from '../repositories/NotificationRepository.ts';
import { createMailer } from './email.ts';
import type { Mailer } from './email.ts';
import type { EmailFacts, NotificationFacts } from './events.ts';
import { renderEmail, webhookBody } from './render.ts';
import { postWebhook } from './webhook.ts';

/** The key file under `<dataDir>/keys/` whose content signs the webhook bodies. */
export const WEBHOOK_SECRET_FILE = 'webhook-secret';

export interface NotificationSettings {
  webhookUrl?: string | undefined;
  smtp?: { url: string; from: string } | undefined;
  /** Where the console is, for the links in e-mails (e.g. `https://splp.example.go.id/console`). */
  consoleUrl: string;
  /** Deadline of one delivery attempt (default 10,000 ms). */
  timeoutMs?: number;
  /** Attempts before a row is `failed` (default 8). */
  maxAttempts?: number;
}

export interface NotificationWorkerOptions extends NotificationSettings {
  database: Pick<DatabaseHandle, 'db'>;
  /** The installation's keys folder (`<dataDir>/keys`), where the webhook secret is kept. */
  keysDir: string;
  /** How often due rows are looked for (default 1,000 ms). */
  pollMs?: number;
  /** First retry delay (default 5,000 ms), doubled at each attempt up to `retryMaxMs` (default 30 min). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Rows delivered at once (default 8). */
  batchSize?: number;
  /** Days delivered and skipped rows are kept (default 90). */
  retentionDays?: number;
  onError?: (message: string, error: unknown) => void;
}

export interface NotificationWorker {
  /** Claims and delivers the rows due now; resolves with how many it settled. */
  runOnce(): Promise<number>;
  /** Deletes the delivered and skipped rows older than the retention; resolves with how many. */
  prune(): Promise<number>;
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_ATTEMPTS = 8;
const DEFAULT_RETENTION_DAYS = 90;
const PRUNE_EVERY_MS = 60 * 60_000;

export async function startNotificationWorker(options: NotificationWorkerOptions): Promise<NotificationWorker> {
  const onError =
    options.onError ??
    ((message: string, error: unknown) =>
      process.stderr.write(`[penghubung] ${message}: ${error instanceof Error ? error.message : String(error)}\n`));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const retryBaseMs = options.retryBaseMs ?? 5_000;
  const retryMaxMs = options.retryMaxMs ?? 30 * 60_000;
  const batchSize = options.batchSize ?? 8;
  // A claimed row is due again after its lease: well past the attempt's own deadline.
  const leaseMs = timeoutMs * 2 + 5_000;
  const secret = options.webhookUrl ? await loadOrCreateSecretFile(options.keysDir, WEBHOOK_SECRET_FILE) : undefined;
  const mailer: Mailer | undefined = options.smtp
    ? createMailer({ smtpUrl: options.smtp.url, from: options.smtp.from, timeoutMs })
    : undefined;
  const repository = new NotificationRepository(options.database.db);
  // Aborted by close(): the attempts in flight stop at once instead of running to their deadline.
  const stopping = new AbortController();

  const deliver = async (row: NotificationOutboxRow): Promise<'delivered' | 'skipped'> => {
    if (row.channel === 'webhook') {
      if (!options.webhookUrl || secret === undefined) return 'skipped';
      const facts = row.payload as NotificationFacts;
      await postWebhook({
        url: options.webhookUrl,
        secret,
        deliveryId: row.id,
        event: row.event,
        body: JSON.stringify(webhookBody(row.id, facts)),
        timeoutMs,
        signal: stopping.signal,
      });
      return 'delivered';
    }
    if (!mailer) return 'skipped';
    await mailer.send(row.recipient, renderEmail(row.payload as EmailFacts, options.consoleUrl), stopping.signal);
    return 'delivered';
  };

  const settle = async (row: NotificationOutboxRow): Promise<void> => {
    try {
      const outcome = await deliver(row);
      await repository.settle(
        row.id,
        outcome === 'delivered'
          ? { status: 'delivered', at: new Date() }
          : { status: 'skipped', error: `channel ${row.channel} is not configured` },
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (stopping.signal.aborted) {
        // Cut by the worker's own stop, not the receiver's fault: due again at the next start.
        await repository.release(row.id, `interrupted by the registry stopping (${reason})`);
      } else if (row.attempts >= maxAttempts) {
        onError(`notification ${row.id} (${row.event}, ${row.channel}) failed after ${row.attempts} attempts`, error);
        await repository.settle(row.id, { status: 'failed', error: reason });
      } else {
        const delay = Math.min(retryMaxMs, retryBaseMs * 2 ** (row.attempts - 1)) * (0.8 + Math.random() * 0.4);
        await repository.settle(row.id, { status: 'pending', nextAttemptAt: new Date(Date.now() + delay), error: reason });
      }
    }
  };

  const runOnce = async (): Promise<number> => {
    const now = new Date();
    const rows = await repository.claimDue(now, new Date(now.getTime() + leaseMs), batchSize);
    await Promise.all(rows.map((row) => settle(row).catch((error: unknown) => onError(`notification ${row.id} could not be settled`, error))));
    return rows.length;
  };

  const retentionMs = (options.retentionDays ?? DEFAULT_RETENTION_DAYS) * 86_400_000;
  const prune = () => repository.prune(new Date(Date.now() - retentionMs));
  let pruning: Promise<unknown> | undefined = prune().catch((error: unknown) => onError('old notifications could not be deleted', error));
  const pruneTimer = setInterval(() => {
    pruning = prune().catch((error: unknown) => onError('old notifications could not be deleted', error));
  }, PRUNE_EVERY_MS);
  pruneTimer.unref();

  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= runOnce()
      .then(() => undefined)
      .catch((error: unknown) => onError('due notifications could not be read', error))
      .finally(() => {
        running = undefined;
      });
  }, options.pollMs ?? 1_000);
  timer.unref();

  let closed = false;
  return {
    runOnce,
    prune,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      clearInterval(pruneTimer);
      stopping.abort(new Error('the notification worker is closing'));
      // A database that hangs must not hold the stop: the leases bring those rows back anyway.
      await withDeadline(Promise.all([running, pruning]), timeoutMs, 'the notification worker').catch((error: unknown) =>
        onError('the notification worker stopped before settling its attempts', error),
      );
      mailer?.close();
    },
  };
}

