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
  send(to: string, message: RenderedEmail): Promise<void>;
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
    async send(to, message) {
      await withDeadline(
        transport.sendMail({ from: options.from, to, subject: message.subject, text: message.text, html: message.html }),
        options.timeoutMs,
        'the SMTP server',
      );
    },
    close: () => transport.close(),
  };
}
