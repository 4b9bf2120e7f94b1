/**
 * The administrator's commands beyond creating things (main.ts): listing and disabling users,
 * listing registry tokens, and bootstrapping an installation's first administrator; and
 * `penghubung serve`, the production start.
 *
 * `admin bootstrap` opens the database itself (like `log verify`), because there is nobody yet to
 * authenticate as: with the embedded database run it before `serve` (PGlite serves one process).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { bootstrapAdministrator } from '../bootstrap.ts';
import { createCommandAction } from './action.ts';
import type { CommandIo } from './action.ts';
import type { CliEnvironment } from './config.ts';
import { CannotRun, openFromOptions } from './logCommands.ts';
import type { DatabaseOptions } from './logCommands.ts';
import { renderTable, say, wibTime } from './render.ts';
import type { Lang } from './render.ts';

interface ListedUser {
  id: string;
  name: string;
  email: string;
  role: string;
  agency: string | null;
  organization: string;
  disabled: boolean;
  createdAt: string;
}

interface ListedToken {
  id: string;
  userEmail: string;
  prefix: string;
  label: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  createdAt: string;
}

const ROLE_ID: Record<string, string> = {
  administrator: 'administrator',
  publisher: 'penerbit (PD)',
  requester: 'peminta',
  evaluator: 'evaluator',
};

function renderUsers(users: ListedUser[], lang: Lang): string {
  return renderTable(
    ['id', say(lang, 'nama', 'name'), say(lang, 'surel', 'e-mail'), say(lang, 'peran', 'role'), 'PD', 'status'],
    users.map((user) => [
      user.id,
      user.name,
      user.email,
      lang === 'en' ? user.role : (ROLE_ID[user.role] ?? user.role),
      user.agency ?? '-',
      user.disabled ? say(lang, 'nonaktif', 'disabled') : say(lang, 'aktif', 'enabled'),
    ]),
    say(lang, 'Belum ada pengguna.', 'No users yet.'),
  );
}

function tokenState(token: ListedToken, lang: Lang, now: number): string {
  if (token.revokedAt) return say(lang, 'dicabut', 'revoked');
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return say(lang, 'kedaluwarsa', 'expired');
  return say(lang, 'aktif', 'active');
}

function renderTokens(tokens: ListedToken[], lang: Lang): string {
  const now = Date.now();
  return renderTable(
    ['id', say(lang, 'pemilik', 'owner'), say(lang, 'awalan', 'prefix'), 'label', 'status', say(lang, 'terakhir dipakai', 'last used'), say(lang, 'dibuat', 'created')],
    tokens.map((token) => [token.id, token.userEmail, `phr_${token.prefix}_…`, token.label || '-', tokenState(token, lang, now), wibTime(token.lastUsedAt), wibTime(token.createdAt)]),
    say(lang, 'Tidak ada token.', 'No tokens.'),
  );
}

export function registerAdminCommands(
  program: Command,
  io: CommandIo,
  environment: CliEnvironment,
  setExitCode: (code: number) => void,
): void {
  const action = createCommandAction(io, environment, setExitCode);
  const admin = program.commands.find((command) => command.name() === 'admin') ?? program.command('admin');
  const user = admin.commands.find((command) => command.name() === 'user') ?? admin.command('user');
  const token = admin.commands.find((command) => command.name() === 'token') ?? admin.command('token');

  user
    .command('list')
    .description('daftar pengguna / list users')
    .action(
      action(async (context) => {
        const { body } = await context.client.request<{ users: ListedUser[] }>('GET', 'v1/admin/users');
        context.print(body, () => renderUsers(body.users, context.lang));
        return 0;
      }),
    );
  user
    .command('disable <userId>')
    .description('menonaktifkan pengguna; semua tokennya langsung ditolak / disable a user')
    .option('--reason <text>', 'alasan (dicatat)', '')
    .action(
      action(async (context, userId) => {
        const { body } = await context.client.request<{ email: string }>('POST', `v1/admin/users/${encodeURIComponent(String(userId))}/disable`, {
          reason: String(context.own['reason'] ?? ''),
        });
        context.print(body, () => say(context.lang, `Pengguna ${body.email} dinonaktifkan.`, `User ${body.email} disabled.`));
        return 0;
      }),
    );
  token
    .command('list')
    .description('daftar token registry, tanpa rahasia / list registry tokens, no secrets')
    .option('--user <id>', 'hanya token pengguna ini')
    .action(
      action(async (context) => {
        const userId = context.own['user'];
        const query = typeof userId === 'string' ? `?${new URLSearchParams({ user: userId })}` : '';
        const { body } = await context.client.request<{ tokens: ListedToken[] }>('GET', `v1/admin/tokens${query}`);
        context.print(body, () => renderTokens(body.tokens, context.lang));
        return 0;
      }),
    );

  admin
    .command('bootstrap')
    .description('membuat administrator pertama, sekali saja; mencetak tokennya / create the first administrator, once')
    .requiredOption('--name <name>', 'nama administrator')
    .requiredOption('--email <email>', 'alamat surel administrator')
    .option('--data-dir <dir>', 'folder data Penghubung (PENGHUBUNG_DATA_DIR)')
    .option('--database-url <url>', 'URL PostgreSQL (DATABASE_URL); tanpa ini dipakai basis data tertanam')
    .action(async (...args: unknown[]) => {
      const command = args[args.length - 1] as Command;
      const globals = command.optsWithGlobals<{ lang?: Lang; json?: boolean }>();
      const lang: Lang = globals.lang === 'en' ? 'en' : 'id';
      const own = command.opts<DatabaseOptions & { name: string; email: string }>();
      try {
        const { database } = await openFromOptions(own, io.env, lang);
        try {
          await database.migrate();
          const result = await bootstrapAdministrator(database, { adminName: own.name, adminEmail: own.email });
          if (!result.created) {
            const message = say(
              lang,
              `Ditolak: instalasi ini sudah memiliki administrator (${result.existingEmail}). Administrator lain dibuat oleh administrator: penghubung admin user create --role administrator …`,
              `Refused: this installation already has an administrator (${result.existingEmail}). Further administrators are created by an administrator: penghubung admin user create --role administrator …`,
            );
            if (globals.json) io.stdout(JSON.stringify({ created: false, existingEmail: result.existingEmail }, null, 2));
            else io.stderr(message);
            setExitCode(1);
            return;
          }
          if (globals.json) io.stdout(JSON.stringify({ created: true, userId: result.userId, token: result.token }, null, 2));
          else {
            io.stdout(
              [
                say(lang, `Administrator ${own.email} dibuat (id ${result.userId}).`, `Administrator ${own.email} created (id ${result.userId}).`),
                say(lang, 'Token registry (hanya ditampilkan sekali ini, simpan dengan aman):', 'Registry token (shown only once, keep it safe):'),
                `  ${result.token}`,
                say(lang, 'Pakai dengan: export PENGHUBUNG_TOKEN=<token>', 'Use it with: export PENGHUBUNG_TOKEN=<token>'),
              ].join('\n'),
            );
          }
          setExitCode(0);
        } finally {
          await database.close();
        }
      } catch (error) {
        if (!(error instanceof CannotRun)) throw error;
        io.stderr(error.message);
        setExitCode(2);
      }
    });

  program
    .command('serve')
    .description('menjalankan registry dan gateway tanpa data demo (produksi) / run registry and gateway, no demo data')
    .action(async () => {
      // The servers run as their own process (scripts/serve.ts, as `npm run serve` does): the CLI
      // stays a client of the registry and imports none of the server code.
      const entry = fileURLToPath(new URL('../../scripts/serve.ts', import.meta.url));
      const child = spawn(process.execPath, ['--import', 'tsx', entry], { stdio: 'inherit', env: io.env });
      const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
      const onTerm = forward('SIGTERM');
      const onInt = forward('SIGINT');
      process.on('SIGTERM', onTerm);
      process.on('SIGINT', onInt);
      const code = await new Promise<number>((resolve) => child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))));
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      setExitCode(code);
    });
}
