/**
 * `penghubung log …`: the evaluator's commands, over the registry's HTTP API (GET /v1/log/*).
 *
 *   penghubung log search --from 2025-03-01 --to 2025-03-31 --value 3301010101900001
 *   penghubung log search --from 2025-03-01 --to 2025-03-07 --client-id <uuid> --outcome denied --all
 *   penghubung log stats --from 2025-01-01 --to 2025-03-31 --group-by agency
 *   penghubung log signals --from 2025-03-01 --to 2025-03-31
 *   penghubung log export --from 2025-03-01 --to 2025-03-31 --agency disdukcapil --out maret.csv
 *   penghubung log report --from 2025-01-01 --to 2025-03-31 --format pdf --out laporan-tw1.pdf
 *
 * Dates are WIB days (`--to` includes its whole day) or ISO 8601 instants with their offset. Uses the
 * global --registry, --token, --json and --lang of the `penghubung` program. Exit codes as the rest
 * of the CLI: 0 done, 1 refused by the registry or unreachable, 2 wrong usage.
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Option } from 'commander';
import type { Command } from 'commander';
import { reportCommandFailure, UsageError } from './action.ts';
import { RegistryClient, RegistryRequestError, RegistryUnreachableError } from './client.ts';
import type { RegistryErrorBody } from './client.ts';
import { readCliEnvironment } from './config.ts';
import { say } from './render.ts';
import type { Lang } from './render.ts';

export interface EvaluationCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
}

export interface EvaluationCliContext {
  io: EvaluationCliIo;
  /** Where a command's exit code goes (runCli's own); default `process.exitCode`. */
  setExitCode(code: number): void;
}

interface GlobalOptions {
  registry: string;
  token?: string;
  json?: boolean;
  lang: Lang;
}

interface FilterOptions {
  from: string;
  to: string;
  clientId?: string;
  agency?: string;
  graph?: string;
  coordinate?: string[];
  outcome?: string[];
  operationName?: string;
  operationHash?: string;
  value?: string;
}

const OUTCOMES = ['ok', 'partial', 'denied', 'error', 'unauthenticated'];

function withRange(command: Command): Command {
  return command
    .requiredOption('--from <date>', 'awal rentang: 2025-03-01 (WIB) atau waktu ISO 8601')
    .requiredOption('--to <date>', 'akhir rentang (tanggal saja = sampai akhir hari itu WIB); paling lama 366 hari');
}

function withFilters(command: Command): Command {
  return withRange(command)
    .option('--client-id <uuid>', 'ID aplikasi klien')
    .option('--agency <slug>', 'slug PD')
    .option('--graph <name>', 'nama graf')
    .option('--coordinate <coordinate...>', 'koordinat field (Type.field); beberapa = semuanya')
    .addOption(new Option('--outcome <outcome...>', 'hasil; beberapa = salah satu').choices(OUTCOMES))
    .option('--operation-name <name>', 'nama operasi')
    .option('--operation-hash <hash>', 'hash operasi')
    .option('--value <value>', 'nilai variabel, mis. NIK (dicari lewat hash HMAC)');
}

function filterParams(options: FilterOptions): URLSearchParams {
  const params = new URLSearchParams({ from: options.from, to: options.to });
  const single: [keyof FilterOptions, string][] = [
    ['clientId', 'clientId'],
    ['agency', 'agency'],
    ['graph', 'graph'],
    ['operationName', 'operationName'],
    ['operationHash', 'operationHash'],
    ['value', 'value'],
  ];
  for (const [key, name] of single) {
    const value = options[key];
    if (typeof value === 'string') params.set(name, value);
  }
  for (const coordinate of options.coordinate ?? []) params.append('coordinate', coordinate);
  for (const outcome of options.outcome ?? []) params.append('outcome', outcome);
  return params;
}

function positiveInteger(text: string | undefined, name: string, lang: Lang): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(say(lang, `${name} harus bilangan bulat positif`, `${name} must be a positive integer`));
  return value;
}

const number = (value: number | null | undefined): string => (value === null || value === undefined ? '-' : value.toLocaleString('id-ID'));
const ms = (value: number | null | undefined): string => (value === null || value === undefined ? '-' : `${value.toLocaleString('id-ID')} ms`);

function wib(iso: string): string {
  return new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ') + ' WIB';
}

interface LogRecord {
  seq: number;
  occurredAt: string;
  clientId: string | null;
  clientName: string | null;
  graph: string;
  operationName: string | null;
  outcome: string;
  coordinates: string[];
  deniedCoordinates: string[];
  durationMs: number;
}

interface LogPage {
  records: LogRecord[];
  nextCursor: string | null;
}

function renderRecord(record: LogRecord): string {
  const client = record.clientName ?? record.clientId ?? '(tanpa kredensial)';
  const denied = record.deniedCoordinates.length > 0 ? `  ditolak: ${record.deniedCoordinates.join(' ')}` : '';
  return `${wib(record.occurredAt)}  ${record.outcome.padEnd(8)}  ${client}  ${record.operationName ?? '-'}  ${record.graph}  ${record.coordinates.length} field  ${ms(record.durationMs)}  #${record.seq}${denied}`;
}

interface StatsRow {
  key: string | null;
  label: string | null;
  requests: number;
  fieldAccesses?: number;
  denied?: number;
  errors?: number;
  errorRate?: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

interface Stats {
  groupBy: string;
  totals: { requests: number; fieldAccesses: number; denied: number; errors: number; clients: number; p50Ms: number | null; p95Ms: number | null; p99Ms: number | null };
  rows: StatsRow[];
}

/** The column a `--group-by` names, as an Indonesian reader calls it. */
const GROUP_NAMES_ID: Record<string, string> = {
  client: 'aplikasi',
  agency: 'PD',
  field: 'field',
  day: 'tanggal',
  operation: 'operasi',
  subgraph: 'layanan PD (subgraph)',
};

function renderStats(stats: Stats, lang: Lang): string {
  const t = stats.totals;
  const lines = [
    say(
      lang,
      `Total: ${number(t.requests)} permintaan, ${number(t.fieldAccesses)} akses field, ${number(t.denied)} ditolak, ${number(t.errors)} gagal, ${number(t.clients)} klien; p50/p95/p99 ${ms(t.p50Ms)} / ${ms(t.p95Ms)} / ${ms(t.p99Ms)}`,
      `Total: ${t.requests} requests, ${t.fieldAccesses} field accesses, ${t.denied} denied, ${t.errors} errors, ${t.clients} clients; p50/p95/p99 ${ms(t.p50Ms)} / ${ms(t.p95Ms)} / ${ms(t.p99Ms)}`,
    ),
    '',
  ];
  const head = stats.groupBy === 'subgraph' ? say(lang, 'panggilan', 'calls') : say(lang, 'permintaan', 'requests');
  const group = lang === 'en' ? stats.groupBy : (GROUP_NAMES_ID[stats.groupBy] ?? stats.groupBy);
  lines.push(`${group.padEnd(40)} ${head.padStart(12)} ${say(lang, 'field', 'fields').padStart(10)} ${say(lang, 'ditolak', 'denied').padStart(9)} ${say(lang, 'gagal', 'errors').padStart(8)} ${'p50'.padStart(10)} ${'p95'.padStart(10)} ${'p99'.padStart(10)}`);
  for (const row of stats.rows) {
    const name = row.label && row.key && row.label !== row.key ? `${row.label}` : (row.key ?? say(lang, '(tanpa klien)', '(no client)'));
    lines.push(
      `${name.slice(0, 40).padEnd(40)} ${number(row.requests).padStart(12)} ${number(row.fieldAccesses).padStart(10)} ${number(row.denied).padStart(9)} ${number(row.errors).padStart(8)} ${ms(row.p50Ms).padStart(10)} ${ms(row.p95Ms).padStart(10)} ${ms(row.p99Ms).padStart(10)}`,
    );
  }
  return lines.join('\n');
}

interface Signals {
  signals: { kind: string; day: string; client: string | null; clientId: string; message: string; messageEn: string }[];
}

function renderSignals(body: Signals, lang: Lang): string {
  if (body.signals.length === 0) return say(lang, 'Tidak ada sinyal penyalahgunaan pada rentang ini.', 'No misuse signals in this range.');
  return body.signals.map((signal) => `${signal.day}  ${signal.kind.padEnd(8)}  ${signal.client ?? signal.clientId}  ${lang === 'en' ? signal.messageEn : signal.message}`).join('\n');
}

/** GET a file (CSV, HTML, PDF) from the registry into `out`, streamed. */
async function download(options: GlobalOptions, token: string | undefined, path: string, out: string): Promise<number> {
  const url = new URL(path, options.registry.endsWith('/') ? options.registry : `${options.registry}/`);
  let response: Response;
  try {
    response = await fetch(url, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}) }, signal: AbortSignal.timeout(30 * 60_000) });
  } catch (error) {
    const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    throw new RegistryUnreachableError(`${url.origin}: ${cause}`);
  }
  if (!response.ok) {
    const text = await response.text();
    let body: unknown = null;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      // not the registry's JSON
    }
    if (body && typeof body === 'object' && 'code' in body) throw new RegistryRequestError(response.status, body as RegistryErrorBody);
    throw new RegistryUnreachableError(`${url.origin}: HTTP ${response.status} ${text.slice(0, 200)}`);
  }
  if (!response.body) return 0;
  let bytes = 0;
  const source = Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>);
  source.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
  });
  await pipeline(source, createWriteStream(out));
  return bytes;
}

export function registerEvaluationCommands(program: Command, context: Partial<EvaluationCliContext> = {}): Command {
  const io: EvaluationCliIo = context.io ?? {
    stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    env: process.env,
  };
  const setExitCode = context.setExitCode ?? ((code: number) => (process.exitCode = code));
  const environment = readCliEnvironment(io.env);

  type Run = (options: GlobalOptions, client: RegistryClient, token: string | undefined, own: Record<string, unknown>) => Promise<number>;
  const action =
    (run: Run) =>
    async (...args: unknown[]): Promise<void> => {
      const command = args[args.length - 1] as Command;
      const options = command.optsWithGlobals<GlobalOptions & Record<string, unknown>>();
      const lang: Lang = options.lang === 'en' ? 'en' : 'id';
      const token = options.token ?? environment.token;
      const registry = options.registry ?? environment.registryUrl;
      const globals = { ...options, registry, lang };
      try {
        setExitCode(await run(globals, new RegistryClient(registry, token), token, command.opts()));
      } catch (error) {
        setExitCode(reportCommandFailure(error, { io, lang, options: globals }));
      }
    };

  // `penghubung log` may already exist (logCommands.ts: verify, archive, on the database host): the
  // evaluator's subcommands join it.
  const log =
    program.commands.find((command) => command.name() === 'log') ??
    program.command('log').description('log akses: pencarian, statistik, sinyal, ekspor, laporan (evaluator) / access log');

  withFilters(log.command('search').description('mencari log akses / search the access log'))
    .option('--limit <n>', 'ukuran halaman (1–500)', '50')
    .option('--cursor <cursor>', 'lanjut dari halaman sebelumnya')
    .option('--all', 'ikuti semua halaman / follow every page')
    .action(
      action(async (options, client, _token, own) => {
        const limit = positiveInteger(own['limit'] as string, '--limit', options.lang)!;
        const params = filterParams(own as unknown as FilterOptions);
        params.set('limit', String(limit));
        let cursor = own['cursor'] as string | undefined;
        const records: LogRecord[] = [];
        let next: string | null = null;
        let printed = 0;
        do {
          if (cursor) params.set('cursor', cursor);
          const { body } = await client.request<LogPage>('GET', `v1/log/records?${params}`);
          if (!options.json) for (const record of body.records) io.stdout(renderRecord(record));
          printed += body.records.length;
          records.push(...(options.json ? body.records : []));
          next = body.nextCursor;
          cursor = next ?? undefined;
        } while (own['all'] && next !== null);
        if (options.json) io.stdout(JSON.stringify({ records, nextCursor: next }, null, 2));
        else if (printed === 0) io.stdout(say(options.lang, 'Tidak ada catatan yang cocok pada rentang dan filter ini.', 'No records match this range and these filters.'));
        else if (next !== null) io.stdout(say(options.lang, `… halaman berikutnya: --cursor ${next}`, `… next page: --cursor ${next}`));
        return 0;
      }),
    );

  withFilters(log.command('stats').description('statistik log akses / access log aggregates'))
    .addOption(new Option('--group-by <group>', 'pengelompokan').choices(['client', 'agency', 'field', 'day', 'operation', 'subgraph']).default('day'))
    .option('--limit <n>', 'jumlah kelompok teratas (1–1000)', '100')
    .action(
      action(async (options, client, _token, own) => {
        const params = filterParams(own as unknown as FilterOptions);
        params.set('groupBy', String(own['groupBy']));
        params.set('limit', String(positiveInteger(own['limit'] as string, '--limit', options.lang)));
        const { body } = await client.request<Stats>('GET', `v1/log/stats?${params}`);
        io.stdout(options.json ? JSON.stringify(body, null, 2) : renderStats(body, options.lang));
        return 0;
      }),
    );

  withRange(log.command('signals').description('sinyal potensi penyalahgunaan / misuse signals'))
    .option('--client-id <uuid>', 'hanya satu aplikasi klien')
    .action(
      action(async (options, client, _token, own) => {
        const params = new URLSearchParams({ from: String(own['from']), to: String(own['to']) });
        if (typeof own['clientId'] === 'string') params.set('clientId', own['clientId']);
        const { body } = await client.request<Signals>('GET', `v1/log/signals?${params}`);
        io.stdout(options.json ? JSON.stringify(body, null, 2) : renderSignals(body, options.lang));
        return 0;
      }),
    );

  withFilters(log.command('export').description('ekspor tampilan yang difilter sebagai CSV / export as CSV'))
    .requiredOption('--out <file>', 'berkas CSV tujuan')
    .addOption(new Option('--separator <char>', "pemisah kolom; ';' untuk Excel berpengaturan Indonesia").choices([',', ';']).default(','))
    .action(
      action(async (options, _client, token, own) => {
        const out = String(own['out']);
        const params = filterParams(own as unknown as FilterOptions);
        params.set('separator', String(own['separator']));
        params.set('lang', options.lang);
        const bytes = await download(options, token, `v1/log/export.csv?${params}`, out);
        io.stdout(say(options.lang, `CSV disimpan di ${out} (${number(bytes)} bita).`, `CSV saved to ${out} (${bytes} bytes).`));
        return 0;
      }),
    );

  withRange(log.command('report').description('laporan monev untuk kepala daerah / report for the head of region'))
    .addOption(new Option('--format <format>', 'html atau pdf').choices(['html', 'pdf']).default('html'))
    .requiredOption('--out <file>', 'berkas tujuan')
    .option('--region <name>', 'nama daerah, mis. "Kabupaten Pacitan" (bawaan: PENGHUBUNG_REGION_NAME di registry)')
    .option('--head <title>', 'kepala daerah yang dituju, mis. "Bupati Pacitan"')
    .option('--place <place>', 'tempat penandatanganan, mis. Pacitan')
    .option('--signer-name <name>', 'nama pejabat penanda tangan')
    .option('--signer-title <title>', 'jabatan penanda tangan')
    .option('--signer-nip <nip>', 'NIP penanda tangan (18 digit)')
    .action(
      action(async (options, _client, token, own) => {
        const out = String(own['out']);
        const params = new URLSearchParams({ from: String(own['from']), to: String(own['to']), format: String(own['format']), lang: options.lang });
        const given: [string, string][] = [
          ['region', 'region'],
          ['head', 'head'],
          ['place', 'place'],
          ['signerName', 'signerName'],
          ['signerTitle', 'signerTitle'],
          ['signerNip', 'signerNip'],
        ];
        for (const [option, param] of given) if (typeof own[option] === 'string') params.set(param, own[option]);
        const bytes = await download(options, token, `v1/log/report?${params}`, out);
        io.stdout(say(options.lang, `Laporan disimpan di ${out} (${number(bytes)} bita).`, `Report saved to ${out} (${bytes} bytes).`));
        return 0;
      }),
    );

  return log;
}
