/**
 * Sends the notification e-mails through the configured SMTP server (PENGHUBUNG_SMTP_URL,
 * `smtp://user:password@host:587` or `smtps://…:465`) with nodemailer, each message within the
 * delivery deadline: connecting, the greeting and every exchange have their own timeouts, and the
 * whole send is raced against the deadline too.
 */
import nodemailer from 'nodemailer';
import { withDeadline } from '../../lib/databaseFaults.ts';
import type { RenderedEmail } from './render.ts';

export interface Mailer {
  /** Sends one message; `signal` abandons the wait for it (the worker stopping). */
  send(to: string, message: RenderedEmail, signal?: AbortSignal): Promise<void>;
  close(): void;
}

export function createMailer(options: { smtpUrl: string; from: string; timeoutMs: number }): Mailer {
  const url = new URL(options.smtpUrl);
  const secure = url.protocol === 'smtps:';
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: url.port === '' ? (secure ? 465 : 587) : Number(url.port),
    secure,
    ...(url.username === '' ? {} : { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }),
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
  });
  return {
    async send(to, message, signal) {
      signal?.throwIfAborted();
      const sent = transport.sendMail({ from: options.from, to, subject: message.subject, text: message.text, html: message.html });
      if (!signal) {
        await withDeadline(sent, options.timeoutMs, 'the SMTP server');
        return;
      }
      sent.catch(() => {}); // awaited below, or abandoned
      let onAbort = () => {};
      const abandoned = new Promise<never>((_, reject) => {
        onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
      });
      try {
        await withDeadline(Promise.race([sent, abandoned]), options.timeoutMs, 'the SMTP server');
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
    },
    close: () => transport.close(),
  };
}
