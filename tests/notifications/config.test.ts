/**
 * The notification settings, read once at start (lib/config.ts): set values are carried, and a bad
 * one stops the start with a line that names the variable and says what is expected — also when the
 * installation is started as a process (`penghubung serve`), which exits 2 before opening anything.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../lib/config.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('notification settings', () => {
  it('carries the webhook, the SMTP server and sender, the console address and the delivery limits', () => {
    const config = loadConfig({
      PENGHUBUNG_WEBHOOK_URL: 'https://hooks.example.go.id/penghubung',
      PENGHUBUNG_SMTP_URL: 'smtp://notifikasi:rahasia@mail.example.go.id:587',
      PENGHUBUNG_SMTP_FROM: 'penghubung@example.go.id',
      PENGHUBUNG_CONSOLE_URL: 'https://splp.example.go.id/console',
      PENGHUBUNG_NOTIFY_TIMEOUT_MS: '5000',
      PENGHUBUNG_NOTIFY_MAX_ATTEMPTS: '5',
      PENGHUBUNG_NOTIFY_RETENTION_DAYS: '30',
    });
    expect(config.notifications).toEqual({
      webhookUrl: 'https://hooks.example.go.id/penghubung',
      smtp: { url: 'smtp://notifikasi:rahasia@mail.example.go.id:587', from: 'penghubung@example.go.id' },
      consoleUrl: 'https://splp.example.go.id/console',
      timeoutMs: 5000,
      maxAttempts: 5,
      retentionDays: 30,
    });
    expect(loadConfig({}).notifications).toEqual({ webhookUrl: undefined, smtp: undefined, consoleUrl: undefined, timeoutMs: 10_000, maxAttempts: 8, retentionDays: 90 });
  });

  it('refuses a webhook or SMTP address that is not a URL of its kind, an SMTP server without a sender, and limits out of range', () => {
    expect(() => loadConfig({ PENGHUBUNG_WEBHOOK_URL: 'hooks.example.go.id' })).toThrow(ConfigError);
    expect(() => loadConfig({ PENGHUBUNG_WEBHOOK_URL: 'hooks.example.go.id' })).toThrow(/PENGHUBUNG_WEBHOOK_URL/);
    expect(() => loadConfig({ PENGHUBUNG_WEBHOOK_URL: 'ftp://hooks.example.go.id/' })).toThrow(/PENGHUBUNG_WEBHOOK_URL: harus diawali http:\/\/ atau https:\/\//);
    expect(() => loadConfig({ PENGHUBUNG_SMTP_URL: 'http://mail.example.go.id', PENGHUBUNG_SMTP_FROM: 'a@example.go.id' })).toThrow(/PENGHUBUNG_SMTP_URL: harus diawali smtp:\/\/ atau smtps:\/\//);
    expect(() => loadConfig({ PENGHUBUNG_SMTP_URL: 'smtp://mail.example.go.id' })).toThrow(/PENGHUBUNG_SMTP_FROM: wajib diisi/);
    expect(() => loadConfig({ PENGHUBUNG_SMTP_URL: 'smtp://mail.example.go.id', PENGHUBUNG_SMTP_FROM: 'bukan alamat' })).toThrow(/PENGHUBUNG_SMTP_FROM/);
    expect(() => loadConfig({ PENGHUBUNG_NOTIFY_TIMEOUT_MS: '0' })).toThrow(/PENGHUBUNG_NOTIFY_TIMEOUT_MS/);
    expect(() => loadConfig({ PENGHUBUNG_NOTIFY_MAX_ATTEMPTS: '0' })).toThrow(/PENGHUBUNG_NOTIFY_MAX_ATTEMPTS/);
    expect(() => loadConfig({ PENGHUBUNG_NOTIFY_RETENTION_DAYS: 'lama' })).toThrow(/PENGHUBUNG_NOTIFY_RETENTION_DAYS/);
  });

  it('stops `penghubung serve` with one readable line and exit code 2 when the webhook URL is invalid', async () => {
    const outcome = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ['bin/penghubung.mjs', 'serve'],
        { cwd: root, env: { PATH: process.env['PATH'] ?? '', PENGHUBUNG_WEBHOOK_URL: 'not a url', PENGHUBUNG_DATA_DIR: '/nonexistent/penghubung' }, timeout: 120_000 },
        (_error, _stdout, stderr) => resolve({ code: child.exitCode, stderr }),
      );
    });
    expect(outcome.code).toBe(2);
    expect(outcome.stderr.trim().split('\n')).toHaveLength(1);
    expect(outcome.stderr).toMatch(/^penghubung: Konfigurasi tidak valid \/ invalid configuration: PENGHUBUNG_WEBHOOK_URL: /);
  });
});
