/**
 * Graph management from the command line:
 *
 *   penghubung admin graph update semua --exclude-themes kepegawaian
 *   penghubung admin graph delete layanan-sdm [--force --reason "…"]
 *   penghubung subgraph retire cari-pegawai [--force --reason "…"]
 *
 * A change that would take fields away from requesters holding grants (or calling them lately) is
 * refused with their names; an administrator may force it with a reason.
 */
import type { Command } from 'commander';
import { createCommandAction, UsageError } from './action.ts';
import type { CommandIo } from './action.ts';
import type { CliEnvironment } from './config.ts';
import { say } from './render.ts';
import type { Lang } from './render.ts';

interface SupergraphChange {
  graph: string;
  version: number;
  withdrawn: boolean;
}

interface ForcedField {
  graph: string;
  coordinate: string;
  grants: string[];
  traffic: { clients: string[] } | null;
}

interface GraphChange {
  name: string;
  themes: string[];
  excludedThemes: string[];
  deleted: boolean;
  supergraphs: SupergraphChange[];
  forced: ForcedField[];
}

/** `a, b,c` as a list; an empty text is the empty list (every theme). */
export function slugList(value: string): string[] {
  return value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
}

function forceBody(own: Record<string, unknown>, lang: Lang): Record<string, unknown> {
  const force = own['force'] === true;
  const reason = typeof own['reason'] === 'string' ? own['reason'] : undefined;
  if (force && reason === undefined) {
    throw new UsageError(say(lang, '--force memerlukan --reason "alasan"', '--force needs --reason "why"'));
  }
  return { ...(force ? { force: true } : {}), ...(reason === undefined ? {} : { reason }) };
}

function renderSupergraphs(supergraphs: readonly SupergraphChange[], lang: Lang): string[] {
  if (supergraphs.length === 0) return [say(lang, 'Supergraph tidak berubah.', 'No supergraph changed.')];
  return [
    `Supergraph: ${supergraphs
      .map((entry) => `${entry.graph} v${entry.version}${entry.withdrawn ? say(lang, ' (ditarik dari gateway)', ' (withdrawn from the gateways)') : ''}`)
      .join(', ')}`,
  ];
}

function renderForced(forced: readonly ForcedField[], lang: Lang): string[] {
  if (forced.length === 0) return [];
  return [
    say(lang, 'Dipaksa; field yang tidak lagi dilayani bagi pemohon:', 'Forced; fields no longer served to requesters:'),
    ...forced.map((field) => {
      const who = [...new Set([...field.grants, ...(field.traffic?.clients ?? [])])].join(', ');
      return `  - ${field.coordinate} (${say(lang, 'graf', 'graph')} ${field.graph}): ${who}`;
    }),
  ];
}

function themesText(change: Pick<GraphChange, 'themes' | 'excludedThemes'>, lang: Lang): string {
  const included = change.themes.length === 0 ? say(lang, 'semua tema', 'all themes') : change.themes.join(', ');
  return change.excludedThemes.length === 0
    ? included
    : `${included} ${say(lang, 'kecuali', 'except')} ${change.excludedThemes.join(', ')}`;
}

export function registerGraphCommands(
  adminGraph: Command,
  subgraph: Command,
  io: CommandIo,
  environment: CliEnvironment,
  setExitCode: (code: number) => void,
): void {
  const action = createCommandAction(io, environment, setExitCode);

  adminGraph
    .command('update <name>')
    .description('mengubah tema graf / change a graph\u2019s themes')
    .option('--themes <slugs>', 'tema yang dihimpun, dipisah koma; "" = semua tema')
    .option('--exclude-themes <slugs>', 'tema yang dikecualikan, dipisah koma; "" = tidak ada')
    .option('--description <text>')
    .option('--force', 'administrator: tetap ubah walau field masih dipakai pemohon')
    .option('--reason <text>', 'alasan (wajib dengan --force)')
    .action(
      action(async (context, name) => {
        const own = context.own;
        const body = {
          ...(typeof own['themes'] === 'string' ? { themes: slugList(own['themes']) } : {}),
          ...(typeof own['excludeThemes'] === 'string' ? { excludeThemes: slugList(own['excludeThemes']) } : {}),
          ...(typeof own['description'] === 'string' ? { description: own['description'] } : {}),
          ...forceBody(own, context.lang),
        };
        if (!('themes' in body) && !('excludeThemes' in body) && !('description' in body)) {
          throw new UsageError(
            say(context.lang, 'sebutkan --themes, --exclude-themes atau --description', 'give --themes, --exclude-themes or --description'),
          );
        }
        const { body: result } = await context.client.request<GraphChange>('PATCH', `v1/admin/graphs/${encodeURIComponent(String(name))}`, body);
        context.print(result, () =>
          [
            say(context.lang, `Graf ${result.name} diperbarui: ${themesText(result, context.lang)}.`, `Graph ${result.name} updated: ${themesText(result, context.lang)}.`),
            ...renderSupergraphs(result.supergraphs, context.lang),
            ...renderForced(result.forced, context.lang),
          ].join('\n'),
        );
        return 0;
      }),
    );

  adminGraph
    .command('delete <name>')
    .description('menghapus graf / delete a graph')
    .option('--force', 'administrator: tetap hapus walau pemohon masih memakai graf ini')
    .option('--reason <text>', 'alasan (wajib dengan --force)')
    .action(
      action(async (context, name) => {
        const { body: result } = await context.client.request<GraphChange>(
          'DELETE',
          `v1/admin/graphs/${encodeURIComponent(String(name))}`,
          forceBody(context.own, context.lang),
        );
        context.print(result, () =>
          [
            say(context.lang, `Graf ${result.name} dihapus; gateway berhenti melayaninya.`, `Graph ${result.name} deleted; the gateways stop serving it.`),
            ...renderForced(result.forced, context.lang),
          ].join('\n'),
        );
        return 0;
      }),
    );

  subgraph
    .command('retire <name>')
    .description('memensiunkan subgraph: keluar dari semua graf / retire a subgraph from every graph')
    .option('--force', 'administrator: tetap pensiunkan walau field-nya masih dipakai pemohon')
    .option('--reason <text>', 'alasan (wajib dengan --force)')
    .action(
      action(async (context, name) => {
        const { body: result } = await context.client.request<{ subgraph: string; supergraphs: SupergraphChange[]; forced: ForcedField[] }>(
          'POST',
          `v1/subgraphs/${encodeURIComponent(String(name))}/retire`,
          forceBody(context.own, context.lang),
        );
        context.print(result, () =>
          [
            say(context.lang, `Subgraph ${result.subgraph} dipensiunkan.`, `Subgraph ${result.subgraph} retired.`),
            ...renderSupergraphs(result.supergraphs, context.lang),
            ...renderForced(result.forced, context.lang),
          ].join('\n'),
        );
        return 0;
      }),
    );
}
