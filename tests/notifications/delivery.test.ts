/**
 * Delivery of the outbox by the registry's notification worker to a real webhook receiver and a real
 * SMTP server started here: signed webhooks with one delivery id across retries (after a 500 and
 * after an answer that never comes), e-mails to the right people in Indonesian then English with
 * what people wrote escaped, and a delivery that keeps failing ends `failed`, listed for
 * administrators, who can send it again.
 */
import { createHmac } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startNotificationWorker } from '../../registry/notifications/worker.ts';
import type { NotificationWorker } from '../../registry/notifications/worker.ts';
import { daysFromNow, GRAPH, startHarness } from '../access/harness.ts';
import type { Harness, Identity } from '../access/harness.ts';
import { startMailReceiver, startWebhookReceiver } from './receivers.ts';
import type { MailReceiver, WebhookReceiver } from './receivers.ts';

const SCRIPT = '<script>alert("x")</script>';
const settle = { timeout: 60_000, interval: 50 };

describe('the notification worker', () => {
  let h: Harness;
  let webhook: WebhookReceiver;
  let mail: MailReceiver;
  let worker: NotificationWorker;
  let keysDir: string;
  let clientId: string;

  const submit = async (purpose: string) => {
    const response = await h.call(h.requester, 'POST', '/v1/access-requests', {
      clientId,
      graph: GRAPH,
      coordinates: ['Query.penduduk', 'Penduduk.nama', 'Query.fasilitasKesehatan'],
      purpose,
      legalBasis: 'Perbup Pacitan 138/2023 Pasal 5',
      periodStart: daysFromNow(-1),
      periodEnd: daysFromNow(90),
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body.id as string;
  };
  const hooksOf = (event: string) => webhook.received.filter((hook) => hook.headers['x-penghubung-event'] === event);
  const mailsAbout = (requestId: string) => mail.received.filter((message) => message.text.includes(requestId));
  const notifications = async (who: Identity, query: string) => {
    const response = await h.call(who, 'GET', `/v1/admin/notifications${query}`);
    expect(response.status).toBe(200);
    return response.body as { items: { id: string; event: string; channel: string; status: string; attempts: number; lastError: string | null; subjectId: string }[]; total: number };
  };

  beforeAll(async () => {
    h = await startHarness();
    webhook = await startWebhookReceiver();
    mail = await startMailReceiver();
    keysDir = path.join(await mkdtemp(path.join(tmpdir(), 'penghubung-notify-')), 'keys');
    const client = await h.call(h.requester, 'POST', '/v1/clients', { name: 'SIPD Bappeda', contact: 'rina@bappeda.test' });
    expect(client.status).toBe(201);
    clientId = client.body.id;
    worker = await startNotificationWorker({
      database: h.database,
      keysDir,
      webhookUrl: webhook.url,
      smtp: { url: mail.url, from: 'penghubung@kominfo.test' },
      consoleUrl: 'https://splp.test/console/',
      // Long enough that an answered attempt never times out on a busy machine; the hang waits it out.
      timeoutMs: 2_000,
      maxAttempts: 3,
      pollMs: 50,
      retryBaseMs: 50,
      retryMaxMs: 200,
      onError: () => {},
    });
  });
  afterAll(async () => {
    await worker?.close();
    await webhook?.close();
    await mail?.close();
    await h?.close();
    if (keysDir) await rm(path.dirname(keysDir), { recursive: true, force: true });
  });

  it('posts a signed webhook without personal data and mails each administrator, Indonesian first, what people wrote escaped', async () => {
    const requestId = await submit(`Perencanaan ${SCRIPT} puskesmas`);
    await vi.waitFor(() => {
      expect(hooksOf('access_request.submitted')).toHaveLength(1);
      expect(mailsAbout(requestId)).toHaveLength(1);
    }, settle);

    const [hook] = hooksOf('access_request.submitted');
    // The secret was created on first use, readable by the owner only, and signs the raw body.
    const secretFile = path.join(keysDir, 'webhook-secret');
    expect((await stat(secretFile)).mode & 0o077).toBe(0);
    const secret = (await readFile(secretFile, 'utf8')).trim();
    expect(hook!.headers['x-penghubung-signature']).toBe(`sha256=${createHmac('sha256', secret).update(hook!.body).digest('hex')}`);
    expect(hook!.headers['content-type']).toBe('application/json');
    const body = JSON.parse(hook!.body);
    expect(body).toEqual({
      event: 'access_request.submitted',
      id: hook!.headers['x-penghubung-delivery'],
      occurredAt: expect.any(String),
      waitingFor: { role: 'administrator' },
      request: { id: requestId, status: 'pending', graph: GRAPH },
    });
    expect(hook!.body).not.toContain('Perencanaan');

    const [message] = mailsAbout(requestId);
    expect(message!.to).toEqual(['admin@kominfo.test']);
    expect(message!.from).toBe('penghubung@kominfo.test');
    expect(message!.subject).toBe('[Penghubung] Permohonan akses menunggu persetujuan / Access request awaiting approval');
    // The plain text says it as written; the HTML shows it as text, never as markup.
    expect(message!.text).toContain(`Tujuan: Perencanaan ${SCRIPT} puskesmas`);
    expect(message!.text.indexOf('Yth. Admin Kominfo')).toBeLessThan(message!.text.indexOf('Dear Admin Kominfo'));
    expect(message!.text).toContain(`Buka konsol: https://splp.test/console/admin/permohonan/${requestId}`);
    expect(message!.html).not.toContain('<script');
    expect(message!.html).toContain('Perencanaan &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; puskesmas');
    expect(message!.html).toContain(`href="https://splp.test/console/admin/permohonan/${requestId}"`);
  });

  it('retries after a 500 and after an answer that never comes, with the same delivery id and signature, and delivers once it is answered', async () => {
    const requestId = await submit('Perencanaan puskesmas per kecamatan');
    webhook.script('access_request.approved', ['error', 'hang', 'ok']);
    const approved = await h.call(h.admin, 'POST', `/v1/access-requests/${requestId}/approve`, { reason: `Sesuai RPJMD ${SCRIPT}` });
    expect(approved.status).toBe(200);

    await vi.waitFor(async () => {
      const rows = (await notifications(h.admin, '?limit=200')).items.filter((row) => row.subjectId === requestId && row.event === 'access_request.approved' && row.channel === 'webhook');
      expect(rows).toMatchObject([{ status: 'delivered', attempts: 3 }]);
    }, settle);
    const attempts = hooksOf('access_request.approved');
    expect(attempts.map((attempt) => attempt.answer)).toEqual(['error', 'hang', 'ok']);
    // The receiver recognises the repeats: one delivery id, one body, one signature.
    expect(new Set(attempts.map((attempt) => attempt.headers['x-penghubung-delivery'])).size).toBe(1);
    expect(new Set(attempts.map((attempt) => attempt.body)).size).toBe(1);
    expect(new Set(attempts.map((attempt) => attempt.headers['x-penghubung-signature'])).size).toBe(1);
    expect(JSON.parse(attempts[0]!.body)).toMatchObject({
      request: { id: requestId, status: 'approved' },
      waitingFor: { role: 'publisher', agencies: ['dinkes', 'disdukcapil'] },
    });

    // The publishers of both owning agencies are asked to decide; the requester hears of the approval.
    await vi.waitFor(() => expect(mailsAbout(requestId).filter((m) => m.subject.includes('disetujui') || m.subject.includes('keputusan'))).toHaveLength(3), settle);
    const approvalMails = mailsAbout(requestId).filter((m) => m.subject.includes('disetujui') || m.subject.includes('keputusan'));
    expect(approvalMails.flatMap((m) => m.to).sort()).toEqual(['ani@dukcapil.test', 'bayu@dinkes.test', 'rina@bappeda.test']);
    const toPublisher = approvalMails.find((m) => m.to.includes('ani@dukcapil.test'))!;
    expect(toPublisher.text).toContain(`Open the console: https://splp.test/console/penerbit/permohonan/${requestId}`);
    expect(toPublisher.html).toContain('Sesuai RPJMD &lt;script&gt;');
    const toRequester = approvalMails.find((m) => m.to.includes('rina@bappeda.test'))!;
    expect(toRequester.subject).toContain('Permohonan akses disetujui');
    expect(toRequester.text).toContain(`https://splp.test/console/pemohon/permohonan/${requestId}`);
  });

  it('ends failed after the last attempt, listed for administrators with its error, and is sent again on request', async () => {
    const requestId = await submit('Analisis kepesertaan JKN');
    webhook.script('access_request.rejected', ['error', 'error', 'error', 'ok']);
    expect((await h.call(h.admin, 'POST', `/v1/access-requests/${requestId}/reject`, { reason: 'Dasar hukum kurang' })).status).toBe(200);

    let failedId = '';
    await vi.waitFor(async () => {
      const failed = (await notifications(h.admin, '?status=failed')).items.filter((row) => row.subjectId === requestId);
      expect(failed).toMatchObject([{ event: 'access_request.rejected', channel: 'webhook', attempts: 3, lastError: 'the webhook answered HTTP 500' }]);
      failedId = failed[0]!.id;
    }, settle);
    expect(hooksOf('access_request.rejected')).toHaveLength(3);
    // The e-mail to the requester did not wait on the webhook.
    expect(mailsAbout(requestId).filter((m) => m.subject.includes('ditolak')).map((m) => m.to)).toEqual([['rina@bappeda.test']]);

    const retried = await h.call(h.admin, 'POST', `/v1/admin/notifications/${failedId}/retry`);
    expect(retried.status).toBe(202);
    await vi.waitFor(() => expect(hooksOf('access_request.rejected').map((hook) => hook.answer)).toEqual(['error', 'error', 'error', 'ok']), settle);
    await vi.waitFor(async () => expect((await notifications(h.admin, '?status=failed')).items.filter((row) => row.subjectId === requestId)).toEqual([]), settle);

    // Only a failed notification can be sent again; an unknown one is 404, a malformed id 400.
    expect((await h.call(h.admin, 'POST', `/v1/admin/notifications/${failedId}/retry`)).status).toBe(404);
    expect((await h.call(h.admin, 'POST', '/v1/admin/notifications/not-an-id/retry')).status).toBe(400);
    expect((await h.call(h.publisherA, 'POST', `/v1/admin/notifications/${failedId}/retry`)).status).toBe(403);
  });
});
