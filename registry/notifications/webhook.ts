/**
 * Delivers one webhook: a JSON POST whose body is signed with HMAC-SHA256 under the installation's
 * webhook secret (`data/keys/webhook-secret`, created on first use). The receiver checks
 * `x-penghubung-signature: sha256=<hex>` over the raw body and drops a repeated
 * `x-penghubung-delivery` (the same on every attempt). Every attempt has one deadline for connecting,
 * sending and the answer; only a 2xx answer counts as delivered, and redirects are not followed.
 */
import { createHmac } from 'node:crypto';
import { request } from 'undici';

export const SIGNATURE_HEADER = 'x-penghubung-signature';
export const DELIVERY_HEADER = 'x-penghubung-delivery';
export const EVENT_HEADER = 'x-penghubung-event';

/** `sha256=<hex>`: the HMAC-SHA256 of `body` under `secret`. */
export function signWebhookBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export async function postWebhook(options: {
  url: string;
  secret: string;
  deliveryId: string;
  event: string;
  body: string;
  timeoutMs: number;
  /** Cuts the attempt before its deadline (the worker stopping). */
  signal?: AbortSignal;
}): Promise<void> {
  const response = await request(options.url, {
    method: 'POST',
    body: options.body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'penghubung-notifications',
      [SIGNATURE_HEADER]: signWebhookBody(options.body, options.secret),
      [DELIVERY_HEADER]: options.deliveryId,
      [EVENT_HEADER]: options.event,
    },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    signal: options.signal ? AbortSignal.any([AbortSignal.timeout(options.timeoutMs), options.signal]) : AbortSignal.timeout(options.timeoutMs),
  });
  // The answer's body is not used, but is read (up to a small size) so the connection can be reused.
  await response.body.text().catch(() => '');
  if (response.statusCode < 200 || response.statusCode >= 300) {
    throw new Error(`the webhook answered HTTP ${response.statusCode}`);
  }
}
