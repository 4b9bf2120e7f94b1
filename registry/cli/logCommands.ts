/**
 * `penghubung log …`: operator tools for the access log and the administrative trail. Unlike the
 * other commands they do not talk to the registry over HTTP: they open the database directly
 * (DATABASE_URL, or the embedded database in the data folder — stop the server first, PGlite serves
 * one process), as an evaluator or the operator would on the database host.
 *
 *   penghubung log verify [--chain access|trail] [--data-dir <dir>] [--database-url <url>]
 *                         [--public-key <pem>] [--archive-dir <dir>] [--checkpoints <dir>]
 *   penghubung log archive --before 2026-01-01 --out <dir> [--data-dir <dir>] [--database-url <url>]
 *   penghubung log rollup [--rebuild] [--data-dir <dir>] [--database-url <url>]
 *
 * Without --archive-dir, `log verify` checks what the database holds: from genesis, or — once old
 * partitions were archived — from the signed anchor `log archive` wrote at the last archived seq
 * (registry/log/verifyLog.ts). The verdict says which. With --checkpoints (default
 * PENGHUBUNG_CHECKPOINT_DIR when set), the checkpoint copies published outside the database are
 * compared with what the database holds: a deleted checkpoint, or a log cut back to before the last
 * published one, fails the verification (registry/log/publish.ts).
 *
 * Exit codes: 0 verified (or archived); 1 the chain was tampered with; 2 could not run (wrong usage,
 * database unreachable, key missing).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { openDatabase, type DatabaseHandle } from '../../drizzle/database.ts';
import { loadConfig } from '../../lib/config.ts';
import { loadOrCreateOperatorKey, OPERATOR_PRIVATE_KEY_FILE, OPERATOR_PUBLIC_KEY_FILE, shortKeyId, type Checkpoint, type KeyHistory } from '../../lib/ledger/index.ts';
import { LEDGER_CHAINS, type LedgerChain } from '../log/checkpoints.ts';
import { loadOperatorPublicKeys } from '../keys/keyLifecycle.ts';
import { createCheckpointPublisher, PublishedCheckpointError, readPublishedCheckpoints } from '../log/publish.ts';
import { archivePartitionsBefore } from '../log/retention.ts';
import { rebuildRollups, rolledUpSeq, rollUpAll } from '../log/rollup.ts';
import { verifyLedger, type LedgerProblemKind, type LedgerVerification } from '../log/verifyLog.ts';

export interface LogCommandsDeps {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Receives the command's exit code (runCli returns it). */
  setExitCode(code: number): void;
}

const defaultDeps: LogCommandsDeps = {
  stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  env: process.env,
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

export type Lang = 'id' | 'en';
export const say = (lang: Lang, id: string, en: string): string => (lang === 'en' ? en : id);

/** A failure to run (not a verdict about the chain): exit code 2. */
export class CannotRun extends Error {
  override readonly name = 'CannotRun';
}

export interface DatabaseOptions {
  dataDir?: string;
  databaseUrl?: string;
}

interface GlobalOptions {
  json?: boolean;
  lang?: Lang;
}

export function registerLogCommands(program: Command, deps: Partial<LogCommandsDeps> = {}): void {
  const io: LogCommandsDeps = { ...defaultDeps, ...deps };
  const log = program.command('log').description('log akses dan jejak administrasi / access log and administrative trail');

  const withDatabase = (command: Command): Command =>
    command
      .option('--data-dir <dir>', 'folder data Penghubung (PENGHUBUNG_DATA_DIR): basis data tertanam dan kunci operator')
      .option('--database-url <url>', 'URL PostgreSQL (DATABASE_URL); tanpa ini dipakai basis data tertanam');

  const run =
    (action: (options: Record<string, unknown>, lang: Lang, json: boolean) => Promise<number>) =>
    async (...args: unknown[]): Promise<void> => {
      const command = args[args.length - 1] as Command;
      const globals = command.optsWithGlobals<GlobalOptions>();
      const lang: Lang = globals.lang === 'en' ? 'en' : 'id';
      try {
        io.setExitCode(await action(command.opts(), lang, globals.json === true));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        io.stderr(error instanceof CannotRun ? reason : say(lang, `Gagal: ${reason}`, `Failed: ${reason}`));
        io.setExitCode(2);
      }
    };

  withDatabase(
    log
      .command('verify')
      .description('memeriksa rantai hash dan checkpoint bertanda tangan / verify the hash chain and signed checkpoints')
      .addOption(new Option('--chain <chain>', 'rantai yang diperiksa (bawaan: keduanya)').choices([...LEDGER_CHAINS]))
      .option('--public-key <file>', 'satu kunci publik operator (PEM), tanpa riwayat kunci / one operator public key, without the key history')
      .option(
        '--keys <dir>',
        'folder kunci dengan history.json dan kunci publik pensiun (bawaan <data-dir>/keys) / keys folder with the key history and the retired public keys',
      )
      .option(
        '--archive-dir <dir>',
        'folder arsip log akses: verifikasi penuh dari genesis bersama basis data (tanpa ini: dari checkpoint jangkar bila partisi lama sudah diarsipkan)',
      )
      .option(
        '--checkpoints <dir>',
        'folder salinan checkpoint yang diterbitkan di luar basis data (bawaan: PENGHUBUNG_CHECKPOINT_DIR) / folder of the checkpoint copies published outside the database',
      ),
  ).action(
    run(async (options, lang, json) => {
      const { config, database } = await openFromOptions(options as DatabaseOptions, io.env, lang);
      try {
        const { publicKeys, history } = await verificationKeys(options, config.dataDir, lang);
        const chains: LedgerChain[] = options['chain'] ? [options['chain'] as LedgerChain] : [...LEDGER_CHAINS];
        const archiveDir = options['archiveDir'] as string | undefined;
        const checkpointDir = (options['checkpoints'] as string | undefined) ?? config.checkpointPublishing.dir;
        const published = checkpointDir ? await readPublished(checkpointDir, lang) : undefined;
        const reports: LedgerVerification[] = [];
        for (const chain of chains) {
          reports.push(
            await verifyLedger(database, publicKeys, {
              chain,
              ...(archiveDir ? { archiveDir } : {}),
              ...(published ? { published } : {}),
              ...(history ? { keyHistory: history } : {}),
            }),
          );
        }
        if (json) io.stdout(JSON.stringify(reports, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2));
        else for (const report of reports) io.stdout(renderVerification(report, lang));
        return reports.every((report) => report.ok) ? 0 : 1;
      } finally {
        await database.close();
      }
    }),
  );

  withDatabase(
    log
      .command('archive')
      .description('mengekspor lalu menghapus partisi bulanan log akses yang lama / export, then drop old monthly partitions')
      .requiredOption('--before <date>', 'arsipkan bulan yang berakhir paling lambat tanggal ini (YYYY-MM-DD, UTC)')
      .requiredOption('--out <dir>', 'folder tujuan arsip'),
  ).action(
    run(async (options, lang, json) => {
      const raw = String(options['before']);
      const before = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? new Date(`${raw}T00:00:00.000Z`) : new Date(Number.NaN);
      if (Number.isNaN(before.getTime())) {
        throw new CannotRun(say(lang, `--before harus tanggal YYYY-MM-DD, bukan "${raw}"`, `--before must be a YYYY-MM-DD date, not "${raw}"`));
      }
      const { config, database } = await openFromOptions(options as DatabaseOptions, io.env, lang);
      try {
        const hasKey = existsSync(join(config.dataDir, 'keys', OPERATOR_PRIVATE_KEY_FILE));
        const operatorKey = hasKey ? loadOrCreateOperatorKey(join(config.dataDir, 'keys')) : undefined;
        const publisher = createCheckpointPublisher(config.checkpointPublishing);
        const result = await archivePartitionsBefore(database, {
          before,
          outDir: String(options['out']),
          ...(operatorKey ? { operatorKey } : {}),
          publisher,
        }).finally(() => publisher.close());
        if (json) {
          io.stdout(JSON.stringify(result, null, 2));
        } else {
          const lines = result.archived.map((entry) => {
            const anchor =
              entry.anchorSeq === null
                ? ''
                : say(
                    lang,
                    ` Log yang tersisa berjangkar pada checkpoint bertanda tangan #${entry.anchorSeq}${entry.anchorCreated ? ' (baru ditandatangani)' : ''}` +
                      (entry.archivedRowsMarked > 0 ? `; ${entry.archivedRowsMarked} catatan bernomor sesudahnya ditandai diarsipkan.` : '.'),
                    ` The remaining log is anchored on signed checkpoint #${entry.anchorSeq}${entry.anchorCreated ? ' (newly signed)' : ''}` +
                      (entry.archivedRowsMarked > 0 ? `; ${entry.archivedRowsMarked} records numbered after it marked as archived.` : '.'),
                  );
            return say(
              lang,
              `${entry.partition}: ${entry.rows} catatan (seq ${entry.firstSeq ?? '-'}–${entry.lastSeq ?? '-'}) diarsipkan ke ${entry.file}, bukti ${entry.proofFile}; partisi dihapus.${anchor}`,
              `${entry.partition}: ${entry.rows} records (seq ${entry.firstSeq ?? '-'}–${entry.lastSeq ?? '-'}) archived to ${entry.file}, proof ${entry.proofFile}; partition dropped.${anchor}`,
            );
          });
          if (lines.length === 0) lines.push(say(lang, 'Tidak ada partisi bulanan yang perlu diarsipkan.', 'No monthly partition to archive.'));
          if (result.defaultRowsBefore > 0) {
            lines.push(
              say(
                lang,
                `Catatan: ${result.defaultRowsBefore} catatan lebih lama dari ${raw} ada di partisi bawaan dan tidak diarsipkan.`,
                `Note: ${result.defaultRowsBefore} records older than ${raw} sit in the default partition and were not archived.`,
              ),
            );
          }
          if (!operatorKey) {
            lines.push(say(lang, 'Kunci operator tidak ditemukan: bukti arsip tidak ditandatangani.', 'Operator key not found: the archive proofs are unsigned.'));
          }
          io.stdout(lines.join('\n'));
        }
        return 0;
      } finally {
        await database.close();
      }
    }),
  );

  withDatabase(
    log
      .command('rollup')
      .description('memperbarui ringkasan harian log akses untuk evaluator / bring the daily rollups of the access log up to date')
      .option('--rebuild', 'kosongkan ringkasan lalu hitung ulang dari log yang tersimpan / empty the rollups and recount them from the stored log'),
  ).action(
    run(async (options, lang, json) => {
      const { database } = await openFromOptions(options as DatabaseOptions, io.env, lang);
      try {
        const rebuild = options['rebuild'] === true;
        const started = Date.now();
        const rows = rebuild ? await rebuildRollups(database) : await rollUpAll(database);
        const mark = await rolledUpSeq(database.db);
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        if (json) io.stdout(JSON.stringify({ rebuilt: rebuild, rows, rolledUpSeq: mark, seconds: Number(seconds) }));
        else {
          io.stdout(
            say(
              lang,
              `${rebuild ? 'Ringkasan harian dihitung ulang' : 'Ringkasan harian diperbarui'}: ${rows} catatan dalam ${seconds} detik; ringkasan mencakup log sampai seq ${mark}.`,
              `Daily rollups ${rebuild ? 'rebuilt' : 'brought up to date'}: ${rows} records in ${seconds} s; they cover the log up to seq ${mark}.`,
            ),
          );
        }
        return 0;
      } finally {
        await database.close();
      }
    }),
  );
}

async function verificationKeys(
  options: Record<string, unknown>,
  dataDir: string,
  lang: Lang,
): Promise<{ publicKeys: string[]; history: KeyHistory | undefined }> {
  const single = options['publicKey'] as string | undefined;
  if (single) {
    const publicKey = await readFile(single, 'utf8').catch(() => {
      throw new CannotRun(say(lang, `Kunci publik operator tidak dapat dibaca: ${single}.`, `Cannot read the operator public key ${single}.`));
    });
    return { publicKeys: [publicKey], history: undefined };
  }
  const keyDir = (options['keys'] as string | undefined) ?? join(dataDir, 'keys');
  let loaded: { publicKeys: string[]; history: KeyHistory | undefined };
  try {
    loaded = loadOperatorPublicKeys(keyDir);
  } catch (error) {
    throw new CannotRun(say(lang, `Riwayat kunci di ${keyDir} tidak dapat dibaca: ${(error as Error).message}`, `Cannot read the key history in ${keyDir}: ${(error as Error).message}`));
  }
  if (loaded.publicKeys.length === 0) {
    throw new CannotRun(
      say(
        lang,
        `Kunci publik operator tidak ada di ${join(keyDir, OPERATOR_PUBLIC_KEY_FILE)}. Sebutkan dengan --keys atau --public-key.`,
        `No operator public key at ${join(keyDir, OPERATOR_PUBLIC_KEY_FILE)}; pass --keys or --public-key.`,
      ),
    );
  }
  return loaded;
}

async function readPublished(dir: string, lang: Lang): Promise<Checkpoint[]> {
  try {
    return await readPublishedCheckpoints(dir);
  } catch (error) {
    const reason = error instanceof PublishedCheckpointError ? error.message : (error as Error).message;
    throw new CannotRun(
      say(
        lang,
        `Folder salinan checkpoint ${dir} tidak dapat dibaca sebagai checkpoint: ${reason}`,
        `The checkpoint copies folder ${dir} cannot be read as checkpoints: ${reason}`,
      ),
    );
  }
}

export async function openFromOptions(
  options: DatabaseOptions,
  env: NodeJS.ProcessEnv,
  lang: Lang,
): Promise<{ config: ReturnType<typeof loadConfig>; database: DatabaseHandle }> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig({
      ...env,
      ...(options.dataDir ? { PENGHUBUNG_DATA_DIR: options.dataDir } : {}),
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    });
  } catch (error) {
    throw new CannotRun((error as Error).message);
  }
  try {
    return { config, database: await openDatabase(config.database) };
  } catch (error) {
    throw new CannotRun(say(lang, `Basis data tidak dapat dibuka: ${(error as Error).message}`, `Cannot open the database: ${(error as Error).message}`));
  }
}

const problemNames: Record<LedgerProblemKind, { id: string; en: string }> = {
  altered: { id: 'isi catatan diubah', en: 'record content altered' },
  inserted: { id: 'catatan disisipkan', en: 'record inserted' },
  deleted: { id: 'catatan dihapus', en: 'record deleted' },
  'bad-signature': { id: 'tanda tangan checkpoint tidak sah', en: 'checkpoint signature invalid' },
  'checkpoint-mismatch': { id: 'checkpoint tidak cocok dengan rantai (rantai ditulis ulang)', en: 'checkpoint does not match the chain (chain rewritten)' },
  'missing-anchor': { id: 'checkpoint jangkar bertanda tangan tidak ada', en: 'signed anchor checkpoint missing' },
  'checkpoint-deleted': { id: 'checkpoint dihapus', en: 'checkpoint deleted' },
  'checkpoint-time-backwards': {
    id: 'waktu checkpoint mundur dari checkpoint sebelumnya (diberi tanggal mundur atau jam penanda tangan salah)',
    en: 'checkpoint time goes back before the previous checkpoint (back-dated, or the signer’s clock was wrong)',
  },
  'revoked-key': { id: 'ditandatangani kunci yang sudah dicabut', en: 'signed by a revoked key' },
  'retired-key': { id: 'ditandatangani kunci pensiun di luar masa berlakunya', en: 'signed by a retired key outside its period' },
};

/** "diverifikasi dari checkpoint bertanda tangan #41 …" / "from genesis": how the verdict was reached. */
function describeMode(report: LedgerVerification, lang: Lang, brief = false): string {
  if (report.mode === 'anchored' && report.anchorCheckpoint) {
    const { seq, createdAt } = report.anchorCheckpoint;
    if (brief) return say(lang, `diverifikasi dari checkpoint bertanda tangan #${seq}`, `verified from signed checkpoint #${seq}`);
    const when = createdAt instanceof Date && !Number.isNaN(createdAt.getTime()) ? createdAt.toISOString() : String(createdAt);
    const passed = report.archivedRowsPassed ?? 0;
    return say(
      lang,
      `diverifikasi dari checkpoint bertanda tangan #${seq} (${when}; catatan sampai seq ${seq} sudah diarsipkan` +
        (passed > 0 ? `, ${passed} catatan bernomor sesudahnya diarsipkan dengan penanda bertanda tangan` : '') +
        ')',
      `verified from signed checkpoint #${seq} (${when}; records up to seq ${seq} were archived` +
        (passed > 0 ? `, ${passed} records numbered after it archived with signed markers` : '') +
        ')',
    );
  }
  return report.archivesRead > 0
    ? say(lang, `diverifikasi dari genesis, bersama ${report.archivesRead} berkas arsip`, `verified from genesis, with ${report.archivesRead} archive files`)
    : say(lang, 'diverifikasi dari genesis', 'verified from genesis');
}

const chainNames: Record<LedgerChain, { id: string; en: string }> = {
  access: { id: 'log akses', en: 'access log' },
  trail: { id: 'jejak administrasi', en: 'administrative trail' },
};

const stateNames: Record<string, { id: string; en: string }> = {
  active: { id: 'aktif', en: 'active' },
  retired: { id: 'pensiun', en: 'retired' },
  revoked: { id: 'dicabut', en: 'revoked' },
};

/** " Kunci: a1b2c3d4e5f6 (pensiun) #1–#7 (seq 10–70); …": which key signed which stretch, when more than one did. */
function describeKeyRanges(report: LedgerVerification, lang: Lang): string {
  if (report.keyRanges.length < 2) return '';
  const parts = report.keyRanges.map((range) => {
    const state = range.state ? ` (${say(lang, stateNames[range.state]!.id, stateNames[range.state]!.en)})` : '';
    const where = range.fromPosition > 0n ? `#${range.fromPosition}–#${range.toPosition}, ` : '';
    return `${shortKeyId(range.keyId)}${state}: ${where}seq ${range.fromSeq}–${range.toSeq}`;
  });
  return say(lang, ` Kunci penanda tangan: ${parts.join('; ')}.`, ` Signing keys: ${parts.join('; ')}.`);
}

export function renderVerification(report: LedgerVerification, lang: Lang = 'id'): string {
  const name = say(lang, chainNames[report.chain].id, chainNames[report.chain].en);
  if (report.ok) {
    const sealed =
      report.sealedThrough === report.head.seq
        ? say(lang, 'seluruhnya tercakup checkpoint bertanda tangan', 'all covered by signed checkpoints')
        : say(
            lang,
            `tercakup checkpoint bertanda tangan sampai seq ${report.sealedThrough}; catatan sesudahnya hanya dilindungi rantai hash`,
            `covered by signed checkpoints up to seq ${report.sealedThrough}; later records rest on the hash chain alone`,
          );
    const chained = report.checkpointSeries.reduce((sum, series) => sum + series.chained, 0);
    const matched = report.checkpointSeries.reduce((sum, series) => sum + series.publishedMatched, 0);
    const series =
      report.publishedGiven > 0
        ? say(
            lang,
            ` Rangkaian checkpoint utuh (${chained} berantai); ${matched} salinan terbitan di luar basis data cocok.`,
            ` The checkpoint series is complete (${chained} chained); ${matched} copies published outside the database match.`,
          )
        : say(
            lang,
            ` Rangkaian checkpoint utuh (${chained} berantai); tanpa --checkpoints, penghapusan checkpoint terbaru tidak dapat dideteksi.`,
            ` The checkpoint series is complete (${chained} chained); without --checkpoints, deletion of the newest checkpoints cannot be detected.`,
          );
    return (
      say(
        lang,
        `${name}: UTUH. ${report.checked} catatan diperiksa (sampai seq ${report.head.seq}), ${describeMode(report, lang)}, ` +
          `${report.checkpointsVerified} checkpoint terverifikasi, ${sealed}.`,
        `${name}: INTACT. ${report.checked} records checked (up to seq ${report.head.seq}), ${describeMode(report, lang)}, ` +
          `${report.checkpointsVerified} checkpoints verified, ${sealed}.`,
      ) +
      series +
      describeKeyRanges(report, lang)
    );
  }
  const problem = report.firstProblem!;
  const kind = say(lang, problemNames[problem.kind].id, problemNames[problem.kind].en);
  // The hint says what the problem means; the detail (English, from the verifier) then follows as evidence.
  const explained = report.hint
    ? `${say(lang, report.hint.id, report.hint.en)} ${say(lang, 'Rincian', 'Detail')}: ${problem.detail}.`
    : `${problem.detail}.`;
  return say(
    lang,
    `${name}: TIDAK UTUH. Masalah pertama di seq ${problem.seq}: ${kind} (${problem.kind}). ${explained} ` +
      `${report.checked} catatan sebelum itu sah (${describeMode(report, lang, true)}).`,
    `${name}: TAMPERED. First problem at seq ${problem.seq}: ${kind} (${problem.kind}). ${explained} ` +
      `${report.checked} records before it are sound (${describeMode(report, lang, true)}).`,
  );
}
