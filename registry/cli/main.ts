/**
 * `penghubung`: the registry's command line, for publishers and CI pipelines.
 *
 *   penghubung subgraph publish --name kependudukan --theme kependudukan \
 *     --url http://10.0.0.5:4001/graphql --schema schema.graphql
 *
 * Global: --registry <url> (env PENGHUBUNG_REGISTRY_URL), --token <token> (env PENGHUBUNG_TOKEN),
 * --json (print the registry's JSON), --lang id|en (Indonesian by default).
 * Exit codes: 0 done; 1 refused by the registry (a failed check, a conflict, a missing right) or the
 * registry unreachable; 2 wrong usage (unknown command, missing option, unreadable file).
 */
import { readFile } from 'node:fs/promises';
import { Command, CommanderError, Option } from 'commander';
import type { PublishReport } from '../publishing/report.ts';
import { RegistryClient } from './client.ts';
import { reportCommandFailure, UsageError } from './action.ts';
import { registerAdminCommands } from './adminCommands.ts';
import { readChangeSetManifest } from './changeSetManifest.ts';
import { registerGraphCommands, slugList } from './graphCommands.ts';
import { localizeHelp, translateCommanderMessage } from './commanderMessages.ts';
import { registerEvaluationCommands } from './evaluationCommands.ts';
import { readCliEnvironment } from './config.ts';
import { registerKeyCommands } from './keyCommands.ts';
import { registerLogCommands } from './logCommands.ts';
import { registerWorkflowCommands } from './workflowCommands.ts';
import { renderReport, say } from './render.ts';
import type { Lang } from './render.ts';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  env: process.env,
};


interface GlobalOptions {
  registry: string;
  token?: string;
  json?: boolean;
  lang: Lang;
}

interface Context {
  options: GlobalOptions;
  client: RegistryClient;
  io: CliIo;
  lang: Lang;
  /** Prints the JSON body with --json, otherwise the text `human()` returns. */
  print(body: unknown, human: () => string): void;
}

type Action = (context: Context, ...args: unknown[]) => Promise<number>;

interface PublishResult {
  /** Held as a cross-agency change (HTTP 202): nothing was published yet. */
  pending?: boolean;
  changeId?: string;
  owners?: string[];
  unchanged: boolean;
  subgraph: string;
  version: number;
  sdlHash: string;
  supergraphs?: { graph: string; version: number }[];
  report?: PublishReport;
}

interface ChangeSetResult {
  pending?: boolean;
  changeId?: string;
  owners?: string[];
  unchanged?: boolean;
  subgraphs?: { subgraph: string; version: number; unchanged: boolean }[];
  supergraphs?: { graph: string; version: number }[];
  reports: PublishReport[];
}

interface ChangeSetCheckResult {
  passed: boolean;
  overridable: boolean;
  reports: PublishReport[];
}

interface CheckResult {
  passed: boolean;
  unchanged: boolean;
  overridable: boolean;
  report: PublishReport;
}

export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const environment = readCliEnvironment(io.env);
  let exitCode = 0;
  const program = new Command('penghubung');
  program
    .description('Penghubung (SPLP): CLI registry skema / schema registry CLI')
    .addOption(new Option('--registry <url>', 'URL registry (PENGHUBUNG_REGISTRY_URL)').default(environment.registryUrl))
    .addOption(new Option('--token <token>', 'token API registry (PENGHUBUNG_TOKEN)'))
    .option('--json', 'cetak JSON dari registry / print the registry JSON')
    .addOption(new Option('--lang <lang>', 'bahasa keluaran / output language').choices(['id', 'en']).default('id'))
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout(text), writeErr: (text) => io.stderr(text) })
    .showHelpAfterError();

  const wrap =
    (action: Action) =>
    async (...args: unknown[]): Promise<void> => {
      const command = args[args.length - 1] as Command;
      const options = command.optsWithGlobals<GlobalOptions>();
      const token = options.token ?? environment.token;
      const lang = options.lang;
      const context: Context = {
        options,
        client: new RegistryClient(options.registry, token),
        io,
        lang,
        print(body, human) {
          io.stdout(options.json ? JSON.stringify(body, null, 2) : human());
        },
      };
      try {
        exitCode = await action(context, ...args.slice(0, -1));
      } catch (error) {
        exitCode = reportFailure(error, context);
      }
    };

  const subgraph = program.command('subgraph').description('penerbitan dan riwayat skema subgraph / subgraph schemas');
  const publishOptions = (command: Command, required = true): Command => {
    const option = (flags: string, description: string) =>
      required ? command.requiredOption(flags, description) : command.option(flags, description);
    option('--name <name>', 'nama subgraph');
    option('--theme <theme>', 'slug tema, mis. kependudukan');
    option('--url <url>', 'URL routing subgraph (http/https)');
    option('--schema <file>', 'berkas SDL (.graphql)');
    return command
      .option('--description <text>', 'deskripsi subgraph')
      .option('--contact <text>', 'kontak penanggung jawab')
      .option('--agency <slug>', 'PD pemilik (wajib bagi administrator)');
  };

  publishOptions(subgraph.command('publish').description('menerbitkan skema, atau beberapa sekaligus dengan --manifest / publish a schema, or several at once with --manifest'), false)
    .option('--manifest <file>', 'set perubahan: beberapa subgraph dari berkas JSON/YAML, diterbitkan bersama (semua atau tidak sama sekali) / a change set')
    .option('--override-reason <text>', 'administrator: terima perubahan yang memutus kompatibilitas dengan alasan ini')
    .option('--timeout <seconds>', 'batas waktu gateway per panggilan ke subgraph ini, 0,1–60 detik / per-fetch timeout')
    .action(
      wrap(async (context, rawOptions) => {
        const options = rawOptions as Partial<PublishCliOptions> & { overrideReason?: string; timeout?: string; manifest?: string };
        if (options.manifest !== undefined) {
          requireNoSingleOptions(options, context.lang);
          const body = await readChangeSetManifest(options.manifest, options.overrideReason);
          const { body: result } = await context.client.request<ChangeSetResult>('POST', 'v1/change-sets', body);
          context.print(result, () => renderChangeSet(result, context.lang));
          return 0;
        }
        requireSingleOptions(options, context.lang);
        const body = {
          ...(await publishBody(options as PublishCliOptions)),
          ...(options.overrideReason ? { overrideReason: options.overrideReason } : {}),
          // Sent as typed when it is no number, so the registry's own check refuses it with its message.
          ...(options.timeout === undefined ? {} : { timeoutSeconds: secondsOrRaw(options.timeout) }),
        };
        const { body: result } = await context.client.request<PublishResult>('POST', 'v1/subgraphs/publish', body);
        context.print(result, () => renderPublished(result, context.lang));
        return 0;
      }),
    );

  publishOptions(subgraph.command('check').description('memeriksa skema tanpa menyimpan, atau set perubahan dengan --manifest / check without publishing'), false)
    .option('--manifest <file>', 'memeriksa set perubahan dari berkas JSON/YAML / check a change set')
    .action(
      wrap(async (context, rawOptions) => {
        const options = rawOptions as Partial<PublishCliOptions> & { manifest?: string };
        const head = (passed: boolean, overridable: boolean) =>
          passed
            ? say(context.lang, 'Pemeriksaan lulus.', 'Check passed.')
            : overridable
              ? say(context.lang, 'Pemeriksaan gagal (hanya dapat diterbitkan dengan pengecualian administrator).', 'Check failed (publishable only with an administrator override).')
              : say(context.lang, 'Pemeriksaan gagal.', 'Check failed.');
        if (options.manifest !== undefined) {
          requireNoSingleOptions(options, context.lang);
          const body = await readChangeSetManifest(options.manifest);
          const { body: result } = await context.client.request<ChangeSetCheckResult>('POST', 'v1/change-sets/check', body);
          context.print(result, () =>
            [head(result.passed, result.overridable), ...result.reports.flatMap((report) => ['', `# ${report.subgraph}`, renderReport(report, context.lang)])].join('\n'),
          );
          return result.passed ? 0 : 1;
        }
        requireSingleOptions(options, context.lang);
        const body = await publishBody(options as PublishCliOptions);
        const { body: result } = await context.client.request<CheckResult>('POST', 'v1/subgraphs/check', body);
        context.print(result, () => `${head(result.passed, result.overridable)}\n\n${renderReport(result.report, context.lang)}`);
        return result.passed ? 0 : 1;
      }),
    );

  subgraph
    .command('versions <name>')
    .description('riwayat versi skema / schema version history')
    .action(
      wrap(async (context, name) => {
        const { body } = await context.client.request<VersionList>('GET', `v1/subgraphs/${encodeURIComponent(String(name))}/versions`);
        context.print(body, () => renderVersions(body, context.lang));
        return 0;
      }),
    );

  subgraph
    .command('sdl <name>')
    .description('SDL terbaru / latest SDL')
    .action(
      wrap(async (context, name) => {
        const { body } = await context.client.request<string>('GET', `v1/subgraphs/${encodeURIComponent(String(name))}/sdl`);
        context.io.stdout(body);
        return 0;
      }),
    );

  const graph = program.command('graph').description('graf dan supergraph / graphs');
  graph
    .command('list')
    .description('daftar graf / list graphs')
    .action(
      wrap(async (context) => {
        const { body } = await context.client.request<GraphList>('GET', 'v1/graphs');
        context.print(body, () => renderGraphs(body, context.lang));
        return 0;
      }),
    );
  graph
    .command('sdl <name>')
    .description('skema API graf / the graph API schema')
    .option('--supergraph', 'cetak supergraph SDL / print the supergraph SDL')
    .action(
      wrap(async (context, name, rawOptions) => {
        const kind = (rawOptions as { supergraph?: boolean }).supergraph ? 'supergraph' : 'sdl';
        const { body } = await context.client.request<string>('GET', `v1/graphs/${encodeURIComponent(String(name))}/${kind}`);
        context.io.stdout(body);
        return 0;
      }),
    );

  const directory = program.command('directory').description('direktori layanan / service directory');
  directory
    .command('search <query>')
    .description('mencari type dan field / search types and fields')
    .option('--limit <n>', 'jumlah hasil maksimum', '20')
    .action(
      wrap(async (context, query, rawOptions) => {
        const limit = Number.parseInt((rawOptions as { limit: string }).limit, 10);
        if (!Number.isInteger(limit) || limit < 1) throw new UsageError(say(context.lang, '--limit harus bilangan positif', '--limit must be a positive number'));
        const params = new URLSearchParams({ q: String(query), limit: String(limit) });
        const { body } = await context.client.request<SearchResult>('GET', `v1/directory/search?${params}`);
        context.print(body, () => renderSearch(body, context.lang));
        return 0;
      }),
    );

  const admin = program.command('admin').description('administrasi / administration');
  const agency = admin.command('agency').description('PD / agencies');
  agency
    .command('create')
    .requiredOption('--slug <slug>', 'pengenal singkat, mis. disdukcapil')
    .requiredOption('--name <name>', 'nama PD')
    .option('--description <text>')
    .option('--contact <text>')
    .action(
      wrap(async (context, rawOptions) => {
        const options = rawOptions as { slug: string; name: string; description?: string; contact?: string };
        const { body } = await context.client.request<{ slug: string; name: string }>('POST', 'v1/admin/agencies', options);
        context.print(body, () => say(context.lang, `PD ${body.slug} (${body.name}) terdaftar.`, `Agency ${body.slug} (${body.name}) registered.`));
        return 0;
      }),
    );
  agency
    .command('routing <slug>')
    .description('host/awalan URL yang boleh dipakai subgraph PD / hosts or URL prefixes an agency may route to')
    .requiredOption('--allow <entries...>', 'host (dinkes.pacitankab.go.id, 10.2.0.15:4202) atau awalan URL https://…')
    .option('--reason <text>', 'alasan', '')
    .action(
      wrap(async (context, slug, rawOptions) => {
        const options = rawOptions as { allow: string[]; reason: string };
        const { body } = await context.client.request<{ agency: string; allowed: string[] }>(
          'PUT',
          `v1/admin/agencies/${encodeURIComponent(String(slug))}/routing-hosts`,
          { allowed: options.allow, reason: options.reason },
        );
        context.print(body, () =>
          say(context.lang, `PD ${body.agency} hanya boleh merutekan ke: ${body.allowed.join(', ')}`, `Agency ${body.agency} may route only to: ${body.allowed.join(', ')}`),
        );
        return 0;
      }),
    );
  admin
    .command('theme')
    .description('tema / themes')
    .command('create')
    .requiredOption('--slug <slug>')
    .requiredOption('--name <name>')
    .option('--description <text>')
    .action(
      wrap(async (context, rawOptions) => {
        const { body } = await context.client.request<{ slug: string }>('POST', 'v1/admin/themes', rawOptions);
        context.print(body, () => say(context.lang, `Tema ${body.slug} dibuat.`, `Theme ${body.slug} created.`));
        return 0;
      }),
    );
  const adminGraph = admin.command('graph').description('graf / graphs');
  adminGraph
    .command('create')
    .requiredOption('--name <name>')
    .option('--themes <slugs>', 'slug tema dipisah koma; kosong = semua tema', '')
    .option('--exclude-themes <slugs>', 'tema yang dikecualikan, dipisah koma', '')
    .option('--description <text>')
    .action(
      wrap(async (context, rawOptions) => {
        const options = rawOptions as { name: string; themes: string; excludeThemes: string; description?: string };
        const { body } = await context.client.request<{ name: string; version: number | null }>('POST', 'v1/admin/graphs', {
          name: options.name,
          themes: slugList(options.themes),
          excludeThemes: slugList(options.excludeThemes),
          ...(options.description ? { description: options.description } : {}),
        });
        context.print(body, () => say(context.lang, `Graf ${body.name} dibuat.`, `Graph ${body.name} created.`));
        return 0;
      }),
    );
  admin
    .command('user')
    .description('pengguna / users')
    .command('create')
    .description('membuat pengguna dan token pertamanya / create a user and its first token')
    .requiredOption('--name <name>')
    .requiredOption('--email <email>')
    .addOption(new Option('--role <role>').choices(['administrator', 'publisher', 'requester', 'evaluator']).makeOptionMandatory())
    .option('--agency <slug>', 'PD (wajib untuk publisher)')
    .option('--organization <text>')
    .action(
      wrap(async (context, rawOptions) => {
        const { body } = await context.client.request<CreatedUser>('POST', 'v1/admin/users', rawOptions);
        context.print(body, () => renderCreatedUser(body, context.lang));
        return 0;
      }),
    );
  const token = admin.command('token').description('token registry / registry tokens');
  token
    .command('issue')
    .requiredOption('--user <id>', 'ID pengguna')
    .option('--label <text>')
    .option('--expires-in-days <n>')
    .action(
      wrap(async (context, rawOptions) => {
        const options = rawOptions as { user: string; label?: string; expiresInDays?: string };
        const expires = options.expiresInDays === undefined ? undefined : Number.parseInt(options.expiresInDays, 10);
        if (expires !== undefined && (!Number.isInteger(expires) || expires < 1)) {
          throw new UsageError(say(context.lang, '--expires-in-days harus bilangan positif', '--expires-in-days must be a positive number'));
        }
        const { body } = await context.client.request<IssuedToken>('POST', `v1/admin/users/${encodeURIComponent(options.user)}/tokens`, {
          ...(options.label ? { label: options.label } : {}),
          ...(expires ? { expiresInDays: expires } : {}),
        });
        context.print(body, () => renderToken(body, context.lang));
        return 0;
      }),
    );
  token
    .command('revoke <tokenId>')
    .option('--reason <text>', 'alasan pencabutan', '')
    .action(
      wrap(async (context, tokenId, rawOptions) => {
        const { body } = await context.client.request<{ prefix: string }>('POST', `v1/admin/tokens/${encodeURIComponent(String(tokenId))}/revoke`, {
          reason: (rawOptions as { reason: string }).reason,
        });
        context.print(body, () => say(context.lang, `Token phr_${body.prefix}_… dicabut.`, `Token phr_${body.prefix}_… revoked.`));
        return 0;
      }),
    );

  const change = program.command('change').description('perubahan lintas PD yang menunggu persetujuan / cross-agency changes');
  change
    .command('list')
    .description('antrean PD Anda / your agency\'s queue')
    .addOption(new Option('--status <status>', 'status').choices(['pending', 'accepted', 'declined', 'all']).default('pending'))
    .action(
      wrap(async (context, rawOptions) => {
        const status = (rawOptions as { status: string }).status;
        const { body } = await context.client.request<{ changes: CrossAgencyChangeView[] }>('GET', `v1/cross-agency-changes?status=${status}`);
        context.print(body, () => renderChanges(body.changes, context.lang));
        return 0;
      }),
    );
  for (const [verb, id, en] of [
    ['accept', 'menyetujui (administrator: wajib --reason)', 'accept (administrator: --reason required)'],
    ['decline', 'menolak dengan alasan (wajib --reason)', 'decline with a reason (--reason required)'],
  ] as const) {
    change
      .command(`${verb} <id>`)
      .description(`${id} / ${en}`)
      .option('--reason <text>', 'alasan / reason', '')
      .action(
        wrap(async (context, changeId, rawOptions) => {
          const { body } = await context.client.request<{ change: CrossAgencyChangeView; published?: { version: number } | null }>(
            'POST',
            `v1/cross-agency-changes/${encodeURIComponent(String(changeId))}/${verb}`,
            { reason: (rawOptions as { reason: string }).reason },
          );
          context.print(body, () => {
            const done = body.change.status === 'pending'
              ? say(context.lang, 'Persetujuan PD Anda dicatat; menunggu PD pemilik lainnya.', 'Your agency\'s consent is recorded; awaiting the other owners.')
              : body.change.status === 'accepted'
                ? say(context.lang, `Disetujui; ${body.change.subgraph} versi ${body.published?.version ?? '?'} diterbitkan.`, `Accepted; ${body.change.subgraph} version ${body.published?.version ?? '?'} published.`)
                : say(context.lang, 'Ditolak; perubahan dibuang.', 'Declined; the change is discarded.');
            return done;
          });
          return 0;
        }),
      );
  }

  registerLogCommands(program, { ...io, setExitCode: (code) => (exitCode = code) });
  registerKeyCommands(admin, { ...io, setExitCode: (code) => (exitCode = code) });

  registerEvaluationCommands(program, { io, setExitCode: (code) => (exitCode = code) });
  registerWorkflowCommands(program, io, environment, (code) => (exitCode = code));
  registerAdminCommands(program, io, environment, (code) => (exitCode = code));
  registerGraphCommands(adminGraph, subgraph, io, environment, (code) => (exitCode = code));
  translateParserErrors(program, argv);

  try {
    await program.parseAsync([...argv], { from: 'node' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? 0 : 2;
    }
    throw error;
  }
  return exitCode;
}

/**
 * Commander's own messages (unknown option, missing argument, …) and help headings are English; they
 * reach people in the language chosen with --lang, read from the arguments since parsing has not
 * happened yet.
 */
function translateParserErrors(program: Command, argv: readonly string[]): void {
  const langAt = argv.findIndex((argument) => argument === '--lang' || argument.startsWith('--lang='));
  const lang: Lang = langAt < 0 ? 'id' : (argv[langAt]!.includes('=') ? argv[langAt]!.split('=')[1] : argv[langAt + 1]) === 'en' ? 'en' : 'id';
  const visit = (command: Command) => {
    command.configureOutput({ outputError: (text, write) => write(translateCommanderMessage(text, lang)) });
    for (const child of command.commands) visit(child);
  };
  visit(program);
  localizeHelp(program, lang);
}

function reportFailure(error: unknown, context: Context): number {
  return reportCommandFailure(error, context);
}

/** `--timeout 1.5` (or `1,5`, as Indonesian locales write it) as a number; anything else unchanged. */
function secondsOrRaw(value: string): number | string {
  const trimmed = value.trim().replace(',', '.');
  const seconds = Number(trimmed);
  return trimmed !== '' && Number.isFinite(seconds) ? seconds : value;
}

const SINGLE_OPTIONS = ['name', 'theme', 'url', 'schema'] as const;

/** A single subgraph's options, which a manifest replaces: all of them, or (with --manifest) none. */
function requireSingleOptions(options: Partial<PublishCliOptions>, lang: Lang): void {
  const missing = SINGLE_OPTIONS.filter((key) => options[key] === undefined);
  if (missing.length === 0) return;
  throw new UsageError(
    say(lang, `opsi wajib belum diisi: ${missing.map((key) => `--${key}`).join(', ')} (atau --manifest untuk set perubahan)`, `required option(s) not given: ${missing.map((key) => `--${key}`).join(', ')} (or --manifest for a change set)`),
  );
}

function requireNoSingleOptions(options: Partial<PublishCliOptions>, lang: Lang): void {
  const given = SINGLE_OPTIONS.filter((key) => options[key] !== undefined);
  if (given.length === 0) return;
  throw new UsageError(
    say(lang, `--manifest tidak dapat digabung dengan ${given.map((key) => `--${key}`).join(', ')}: tulis setiap subgraph di manifest.`, `--manifest cannot be combined with ${given.map((key) => `--${key}`).join(', ')}: list every subgraph in the manifest.`),
  );
}

interface PublishCliOptions {
  name: string;
  theme: string;
  url: string;
  schema: string;
  description?: string;
  contact?: string;
  agency?: string;
}

async function publishBody(options: PublishCliOptions): Promise<Record<string, string>> {
  let schema: string;
  try {
    schema = await readFile(options.schema, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UsageError(`Berkas skema ${options.schema} tidak dapat dibaca (${reason}) / cannot read the schema file`);
  }
  return {
    name: options.name,
    theme: options.theme,
    routingUrl: options.url,
    schema,
    ...(options.description ? { description: options.description } : {}),
    ...(options.contact ? { contact: options.contact } : {}),
    ...(options.agency ? { agency: options.agency } : {}),
  };
}

interface CrossAgencyChangeView {
  id: string;
  subgraph: string;
  agency: string;
  requestedBy: string;
  status: 'pending' | 'accepted' | 'declined';
  owners: string[];
  acceptedBy: string[];
  reaches: { coordinate: string; message: { id: string; en: string } }[];
  createdAt: string;
}

function renderChanges(changes: readonly CrossAgencyChangeView[], lang: Lang): string {
  if (changes.length === 0) return say(lang, 'Tidak ada perubahan lintas PD.', 'No cross-agency changes.');
  return changes
    .map((change) =>
      [
        `${change.id}  ${change.subgraph} (${change.agency}, ${change.requestedBy}) → ${change.owners.join(', ')}  [${change.status}] ${change.createdAt}`,
        ...change.reaches.map((reach) => `  - ${say(lang, reach.message.id, reach.message.en)}`),
      ].join('\n'),
    )
    .join('\n');
}

function renderPublished(result: PublishResult, lang: Lang): string {
  if (result.pending) {
    const owners = (result.owners ?? []).join(', ');
    const reaches = (result.report?.crossAgency ?? []).map((reach) => `  - ${say(lang, reach.message.id, reach.message.en)}`);
    return [
      say(
        lang,
        `Perubahan lintas PD: menunggu persetujuan ${owners} (nomor ${result.changeId}). Belum ada yang diterbitkan.`,
        `Cross-agency change: awaiting the consent of ${owners} (id ${result.changeId}). Nothing was published yet.`,
      ),
      ...reaches,
    ].join('\n');
  }
  if (result.unchanged) {
    return say(
      lang,
      `Tidak ada perubahan: ${result.subgraph} tetap versi ${result.version}.`,
      `Unchanged: ${result.subgraph} stays at version ${result.version}.`,
    );
  }
  const lines = [say(lang, `Subgraph ${result.subgraph} versi ${result.version} diterbitkan.`, `Subgraph ${result.subgraph} version ${result.version} published.`)];
  const supergraphs = result.supergraphs ?? [];
  if (supergraphs.length > 0) {
    lines.push(`Supergraph: ${supergraphs.map((entry) => `${entry.graph} v${entry.version}`).join(', ')}`);
  }
  if (result.report) lines.push('', renderReport(result.report, lang));
  return lines.join('\n');
}

function renderChangeSet(result: ChangeSetResult, lang: Lang): string {
  if (result.pending) {
    const owners = (result.owners ?? []).join(', ');
    const reaches = result.reports.flatMap((report) =>
      report.crossAgency.map((reach) => `  - ${report.subgraph}: ${say(lang, reach.message.id, reach.message.en)}`),
    );
    return [
      say(
        lang,
        `Set perubahan lintas PD: menunggu persetujuan ${owners} (nomor ${result.changeId}). Belum ada yang diterbitkan.`,
        `Cross-agency change set: awaiting the consent of ${owners} (id ${result.changeId}). Nothing was published yet.`,
      ),
      ...reaches,
    ].join('\n');
  }
  const members = result.subgraphs ?? [];
  if (result.unchanged) {
    return say(
      lang,
      `Tidak ada perubahan: ${members.map((entry) => `${entry.subgraph} v${entry.version}`).join(', ')}.`,
      `Unchanged: ${members.map((entry) => `${entry.subgraph} v${entry.version}`).join(', ')}.`,
    );
  }
  const lines = [
    say(lang, `Set perubahan diterbitkan (${members.length} subgraph):`, `Change set published (${members.length} subgraph(s)):`),
    ...members.map((entry) =>
      entry.unchanged
        ? say(lang, `  ${entry.subgraph}: tetap versi ${entry.version}`, `  ${entry.subgraph}: stays at version ${entry.version}`)
        : say(lang, `  ${entry.subgraph}: versi ${entry.version}`, `  ${entry.subgraph}: version ${entry.version}`),
    ),
  ];
  const supergraphs = result.supergraphs ?? [];
  if (supergraphs.length > 0) lines.push(`Supergraph: ${supergraphs.map((entry) => `${entry.graph} v${entry.version}`).join(', ')}`);
  for (const report of result.reports) lines.push('', `# ${report.subgraph}`, renderReport(report, lang));
  return lines.join('\n');
}

interface VersionList {
  subgraph: { name: string; agency: string; theme: string };
  versions: {
    version: number;
    sdlHash: string;
    author: string | null;
    createdAt: string;
    overrideReason: string | null;
    changes: { breaking: number; dangerous: number; safe: number };
  }[];
}

function renderVersions(body: VersionList, lang: Lang): string {
  const lines = [`${body.subgraph.name} (${body.subgraph.agency}, ${say(lang, 'tema', 'theme')} ${body.subgraph.theme})`];
  for (const version of body.versions) {
    const changes = `${version.changes.breaking}/${version.changes.dangerous}/${version.changes.safe}`;
    const override = version.overrideReason ? ` ${say(lang, 'pengecualian', 'override')}: ${version.overrideReason}` : '';
    lines.push(`  v${version.version}  ${version.createdAt}  ${version.sdlHash.slice(0, 12)}  ${version.author ?? '-'}  [${changes}]${override}`);
  }
  lines.push(say(lang, '  [memutus/berisiko/aman]', '  [breaking/dangerous/safe]'));
  return lines.join('\n');
}

interface GraphList {
  graphs: { name: string; themes: string[]; excludedThemes?: string[]; subgraphs: string[]; version: number | null }[];
}

function renderGraphs(body: GraphList, lang: Lang): string {
  if (body.graphs.length === 0) return say(lang, 'Belum ada graf.', 'No graphs yet.');
  return body.graphs
    .map((entry) => {
      const included = entry.themes.length === 0 ? say(lang, 'semua tema', 'all themes') : entry.themes.join(', ');
      const excluded = entry.excludedThemes ?? [];
      const themes = excluded.length === 0 ? included : `${included} ${say(lang, 'kecuali', 'except')} ${excluded.join(', ')}`;
      const version = entry.version === null ? say(lang, 'belum dikomposisi', 'not composed yet') : `v${entry.version}`;
      const members = entry.subgraphs.length === 0 ? '-' : entry.subgraphs.join(', ');
      return `${entry.name}  [${themes}]  ${version}  subgraph: ${members}`;
    })
    .join('\n');
}

interface SearchResult {
  query: string;
  results: {
    coordinate: string;
    subgraph: string;
    agency: { slug: string };
    classification: string;
    personalData: boolean;
    description: string;
  }[];
}

function renderSearch(body: SearchResult, lang: Lang): string {
  if (body.results.length === 0) return say(lang, `Tidak ada hasil untuk "${body.query}".`, `No results for "${body.query}".`);
  return body.results
    .map((hit) => {
      const personal = hit.personalData ? say(lang, ', data pribadi', ', personal data') : '';
      const description = hit.description ? ` — ${hit.description}` : '';
      return `${hit.coordinate}  (${hit.subgraph}, ${hit.agency.slug}; ${hit.classification}${personal})${description}`;
    })
    .join('\n');
}

interface IssuedToken {
  id: string;
  token: string;
  prefix: string;
}

interface CreatedUser {
  user: { id: string; name: string; email: string; role: string };
  token: IssuedToken | null;
}

function renderToken(token: IssuedToken, lang: Lang): string {
  return [
    say(lang, 'Token (hanya ditampilkan sekali ini, simpan dengan aman):', 'Token (shown only once, keep it safe):'),
    `  ${token.token}`,
    `  id: ${token.id}`,
  ].join('\n');
}

function renderCreatedUser(body: CreatedUser, lang: Lang): string {
  const lines = [say(lang, `Pengguna ${body.user.email} (${body.user.role}) dibuat, id ${body.user.id}.`, `User ${body.user.email} (${body.user.role}) created, id ${body.user.id}.`)];
  if (body.token) lines.push(renderToken(body.token, lang));
  return lines.join('\n');
}
