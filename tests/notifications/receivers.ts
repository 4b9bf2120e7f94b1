/**
 * The outside parties a notification goes to, started by the tests: a webhook receiver (a real HTTP
 * server that answers each event as scripted: ok, 500, or never) and an SMTP server (smtp-server)
 * that keeps every message it accepts, parsed with mailparser.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type Answer = 'ok' | 'error' | 'hang';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  answer: Answer;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** The answers to the next requests of `event`, in order; after them, `ok`. */
  script(event: string, answers: Answer[]): void;
  /** How every request is answered once its script is used up (default `ok`). */
  setDefault(answer: Answer): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const scripts = new Map<string, Answer[]>();
  const received: ReceivedWebhook[] = [];
  const hanging: ServerResponse[] = [];
  let fallback: Answer = 'ok';
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const event = String(request.headers['x-penghubung-event'] ?? '');
      const answer = scripts.get(event)?.shift() ?? fallback;
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), answer });
      if (answer === 'hang') {
        hanging.push(response);
        return;
      }
      response.writeHead(answer === 'ok' ? 200 : 500, { 'content-type': 'text/plain' }).end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/penghubung`,
    received,
    script: (event, answers) => scripts.set(event, [...answers]),
    setDefault: (answer) => {
      fallback = answer;
    },
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

export interface MailReceiver {
  url: string;
  received: ReceivedMail[];
  close(): Promise<void>;
}

export async function startMailReceiver(): Promise<MailReceiver> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
