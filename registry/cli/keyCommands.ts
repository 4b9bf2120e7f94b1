/**
 * `penghubung admin key …`: the key lifecycle (registry/keys/keyLifecycle.ts). Like `penghubung log`,
 * run by the operator on the host: they open the database directly (DATABASE_URL, or the embedded
 * database — stop the server first, PGlite serves one process) and the keys folder `<data-dir>/keys`.
 *
 *   penghubung admin key rotate operator|lookup-secret|gateway|registry-token [--overlap <seconds>] [--reason <text>] [--actor <name>]
 *   penghubung admin key revoke <id> --reason <text> [--since <ISO time>] [--actor <name>]
 *   penghubung admin key list
 *
 * Exit codes: 0 done; 2 could not run (wrong usage, refused, database unreachable).
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { PenghubungError } from '../../lib/errors.ts';
import { readKeyHistory, shortKeyId } from '../../lib/ledger/index.ts';
import type { Actor } from '../http/actor.ts';
import { DEFAULT_OVERLAP_SECONDS, GATEWAY_JWKS_FILE } from '../../lib/gatewayKeys.ts';
import { rotateGatewayKey } from '../keys/gatewayKeyRotation.ts';
import { rotateRegistryTokenKey } from '../keys/registryTokenKeys.ts';
import { parsePurpose, revokeKey, rotateLookupSecret, rotateOperatorKey } from '../keys/keyLifecycle.ts';
import { CannotRun, openFromOptions, say, type Lang, type LogCommandsDeps } from './logCommands.ts';

const OPERATOR_ACTOR_ID = '00000000-0000-0000-0000-000000000000';

export function registerKeyCommands(admin: Command, io: LogCommandsDeps): void {
  const key = admin.command('key').description('rotasi dan pencabutan kunci / key rotation and revocation');
  const withDatabase = (command: Command): Command =>
    command
      .option('--data-dir <dir>', 'folder data Penghubung (PENGHUBUNG_DATA_DIR): basis data tertanam dan folder kunci')
      .option('--database-url <url>', 'URL PostgreSQL (DATABASE_URL)')
      .option('--actor <name>', 'nama petugas yang menjalankan (dicatat di jejak administrasi)', 'operator');

  const run =
    (action: (args: string[], options: Record<string, unknown>, lang: Lang, json: boolean) => Promise<number>) =>
    async (...args: unknown[]): Promise<void> => {
      const command = args[args.length - 1] as Command;
      const globals = command.optsWithGlobals<{ json?: boolean; lang?: Lang }>();
      const lang: Lang = globals.lang === 'en' ? 'en' : 'id';
      try {
        io.setExitCode(await action(args.slice(0, -2) as string[], command.opts(), lang, globals.json === true));
      } catch (error) {
        const message =
          error instanceof PenghubungError ? say(lang, error.message, error.messageEn) : error instanceof Error ? error.message : String(error);
        io.stderr(error instanceof CannotRun ? message : say(lang, `Gagal: ${message}`, `Failed: ${message}`));
        io.setExitCode(2);
      }
    };

  withDatabase(
    key
      .command('rotate <purpose>')
      .description('membuat kunci baru; kunci lama dipensiunkan / make a new key and retire the old one (operator, lookup-secret, gateway)')
      .option('--reason <text>', 'alasan (dicatat di jejak administrasi)', 'rotasi berkala')
      .option(
        '--overlap <seconds>',
        `kunci gateway: detik antara menerbitkan kunci baru di JWKS dan memakainya (bawaan ${DEFAULT_OVERLAP_SECONDS}) / gateway key: seconds between publishing and signing`,
      ),
  ).action(
    run(async ([purposeText], options, lang, json) => {
      const purpose = parsePurpose(String(purposeText));
      if (purpose === undefined) {
        throw new CannotRun(
          say(
            lang,
            `Tujuan kunci "${purposeText}" tidak dikenal; pilih operator, lookup-secret, gateway atau registry-token.`,
            `Unknown key purpose "${purposeText}"; choose operator, lookup-secret, gateway or registry-token.`,
          ),
        );
      }
      const overlapText = options['overlap'] as string | undefined;
      if (overlapText !== undefined && (purpose !== 'gateway-token' || !/^\d+$/.test(overlapText))) {
        throw new CannotRun(
          purpose !== 'gateway-token'
            ? say(lang, '--overlap hanya untuk kunci gateway.', '--overlap applies to the gateway key only.')
            : say(lang, `--overlap harus bilangan detik (0 atau lebih), bukan "${overlapText}".`, `--overlap must be a whole number of seconds (0 or more), not "${overlapText}".`),
        );
      }
      const { config, database } = await openFromOptions(options, io.env, lang);
      try {
        const context = { database, keyDir: join(config.dataDir, 'keys'), actor: actorOf(options) };
        const reason = String(options['reason']);
        if (purpose === 'operator') {
          const rotation = await rotateOperatorKey(context, reason);
          if (json) io.stdout(JSON.stringify(rotation, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2));
          else {
            const signed = rotation.transitions.map((cp) => `${cp.chain} #${cp.position} (seq ${cp.seq})`).join(', ');
            io.stdout(
              say(
                lang,
                `Kunci operator dirotasi: ${shortKeyId(rotation.previous.id)} dipensiunkan (kunci publiknya di ${rotation.previous.file}), ` +
                  `${shortKeyId(rotation.next.id)} aktif. Checkpoint transisi bertanda tangan kedua kunci: ${signed}. Kunci privat lama dimusnahkan.`,
                `Operator key rotated: ${shortKeyId(rotation.previous.id)} retired (its public key in ${rotation.previous.file}), ` +
                  `${shortKeyId(rotation.next.id)} active. Key-transition checkpoints signed by both keys: ${signed}. The old private key was destroyed.`,
              ),
            );
          }
        } else if (purpose === 'gateway-token') {
          const overlapSeconds = overlapText === undefined ? DEFAULT_OVERLAP_SECONDS : Number(overlapText);
          const rotation = await rotateGatewayKey(context, reason, { overlapSeconds, tokenTtlSeconds: config.gatewayTokenTtlSeconds });
          if (json) io.stdout(JSON.stringify(rotation, null, 2));
          else {
            io.stdout(
              say(
                lang,
                `Kunci token gateway dirotasi: ${shortKeyId(rotation.next.id)} sudah diterbitkan di ${GATEWAY_JWKS_FILE} dan dipakai gateway mulai ${rotation.switchAt} ` +
                  `(jendela tumpang tindih ${overlapSeconds} detik, tanpa memulai ulang gateway atau subgraph). ` +
                  `${shortKeyId(rotation.previous.id)} menandatangani sampai saat itu dan tetap di JWKS sampai ${rotation.previousPublishedUntil}.`,
                `Gateway token key rotated: ${shortKeyId(rotation.next.id)} is published in ${GATEWAY_JWKS_FILE} and gateways sign with it from ${rotation.switchAt} ` +
                  `(overlap window ${overlapSeconds} s, no gateway or subgraph restart). ` +
                  `${shortKeyId(rotation.previous.id)} signs until then and stays in the JWKS until ${rotation.previousPublishedUntil}.`,
              ),
            );
          }
        } else if (purpose === 'registry-token') {
          const rotation = await rotateRegistryTokenKey(context, reason);
          if (json) io.stdout(JSON.stringify(rotation, null, 2));
          else {
            io.stdout(
              say(
                lang,
                `Kunci token registry dirotasi: ${rotation.previous.id} dipensiunkan (disimpan di ${rotation.previous.file}), ${rotation.next.id} aktif untuk token baru. ` +
                  'Token yang sudah diterbitkan tetap berlaku dan disimpan ulang di bawah kunci baru saat dipakai berikutnya; registry yang berjalan memakainya tanpa dimulai ulang.',
                `Registry token key rotated: ${rotation.previous.id} retired (kept in ${rotation.previous.file}), ${rotation.next.id} active for new tokens. ` +
                  'Tokens already issued stay valid and are stored again under the new key at their next use; the running registry picks it up without a restart.',
              ),
            );
          }
        } else {
          const rotation = await rotateLookupSecret(context, reason, config.lookupSecret);
          if (json) io.stdout(JSON.stringify(rotation, null, 2));
          else {
            io.stdout(
              say(
                lang,
                `Kunci pencarian log dirotasi: ${rotation.previous.id} dipensiunkan (disimpan di ${rotation.previous.file} agar pencarian NIK lama tetap lengkap), ` +
                  `${rotation.next.id} aktif: gateway yang berjalan memakainya untuk catatan baru dalam beberapa detik, tanpa dimulai ulang.`,
                `Log lookup secret rotated: ${rotation.previous.id} retired (kept in ${rotation.previous.file} so searches of older records stay complete), ` +
                  `${rotation.next.id} active: running gateways hash new records with it within seconds, without a restart.`,
              ),
            );
          }
        }
        return 0;
      } finally {
        await database.close();
      }
    }),
  );

  withDatabase(
    key
      .command('revoke <id>')
      .description('mencabut kunci yang bocor / revoke a leaked key')
      .requiredOption('--reason <text>', 'alasan pencabutan (wajib)')
      .option('--since <time>', 'sejak kapan kunci tidak dipercaya (ISO 8601 dengan zona waktu; bawaan: sekarang)'),
  ).action(
    run(async ([id], options, lang, json) => {
      const sinceText = options['since'] as string | undefined;
      const since = sinceText === undefined ? undefined : new Date(sinceText);
      if (since && (Number.isNaN(since.getTime()) || !/(Z|[+-]\d{2}:?\d{2})$/.test(sinceText!))) {
        throw new CannotRun(say(lang, `--since harus waktu ISO 8601 dengan zona waktu, bukan "${sinceText}"`, `--since must be an ISO 8601 time with its offset, not "${sinceText}"`));
      }
      const { config, database } = await openFromOptions(options, io.env, lang);
      try {
        const { key: revoked, affectedTokens } = await revokeKey(
          { database, keyDir: join(config.dataDir, 'keys'), actor: actorOf(options) },
          String(id),
          String(options['reason']),
          since,
          { tokenTtlSeconds: config.gatewayTokenTtlSeconds },
        );
        if (json) io.stdout(JSON.stringify(revoked, null, 2));
        else {
          io.stdout(
            say(
              lang,
              `Kunci ${shortKeyId(revoked.id)} (${revoked.purpose}) dicabut sejak ${revoked.revokedAt}. \`penghubung log verify\` menolak dan melaporkan apa pun yang ditandatanganinya sejak saat itu.`,
              `Key ${shortKeyId(revoked.id)} (${revoked.purpose}) revoked from ${revoked.revokedAt}. \`penghubung log verify\` rejects and reports whatever it signed from then on.`,
            ),
          );
          if (affectedTokens !== undefined) {
            io.stdout(
              say(
                lang,
                `${affectedTokens} token registry yang belum dipakai sejak rotasi masih di bawah kunci ini dan kini tidak berlaku: terbitkan token baru bagi pemiliknya.`,
                `${affectedTokens} registry tokens not used since the rotation were still hashed under this key and are now invalid: issue their owners new tokens.`,
              ),
            );
          }
        }
        return 0;
      } finally {
        await database.close();
      }
    }),
  );

  key
    .command('list')
    .description('riwayat kunci / the key history')
    .option('--data-dir <dir>', 'folder data Penghubung (PENGHUBUNG_DATA_DIR)')
    .action(
      run(async (_args, options, lang, json) => {
        const dataDir = (options['dataDir'] as string | undefined) ?? io.env['PENGHUBUNG_DATA_DIR'] ?? './data';
        const history = readKeyHistory(join(dataDir, 'keys'));
        const keys = history?.keys ?? [];
        if (json) io.stdout(JSON.stringify(keys, null, 2));
        else if (keys.length === 0) io.stdout(say(lang, 'Belum ada rotasi: riwayat kunci kosong.', 'No rotation yet: the key history is empty.'));
        else
          io.stdout(
            keys
              .map(
                (k) =>
                  `${k.purpose}\t${shortKeyId(k.id)}\t${k.state}\t${k.validFrom}` +
                  (Date.parse(k.validFrom) > Date.now() ? `\t${say(lang, 'menunggu jendela tumpang tindih', 'waiting for the overlap window')}` : '') +
                  (k.retiredAt ? `\t${say(lang, 'pensiun', 'retired')} ${k.retiredAt}` : '') +
                  (k.revokedAt ? `\t${say(lang, 'dicabut', 'revoked')} ${k.revokedAt} (${k.revocationReason ?? ''})` : ''),
              )
              .join('\n'),
          );
        return 0;
      }),
    );
}

function actorOf(options: Record<string, unknown>): Actor {
  return { userId: OPERATOR_ACTOR_ID, name: String(options['actor'] ?? 'operator'), role: 'administrator', agencyId: null };
}
