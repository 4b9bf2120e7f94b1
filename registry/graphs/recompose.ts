/**
 * Recomposing graphs whose membership changes without a publish: a graph's themes changed, a graph
 * deleted, a subgraph retired. Each graph is composed from its members after the change (none:
 * the graph is withdrawn and its gateways stop serving it), the fields it would stop serving are
 * found by comparing its grantable coordinates before and after, and the grants and recent traffic
 * on those fields are named: the same protection a breaking change gets.
 */
import { buildSchema } from 'graphql';
import type { Executor } from '../../drizzle/database.ts';
import type { Graph } from '../../drizzle/schema/index.ts';
import { ErrorCode, fail, ok } from '../../lib/errors.ts';
import type { Message, Result } from '../../lib/errors.ts';
import { buildCoordinateModel } from '../../lib/federation/coordinates.ts';
import type { CompositionOutcome, FederationIssue } from '../checks/index.ts';
import type { RegistryDeps } from '../deps.ts';
import type { Actor } from '../http/actor.ts';
import { toInput } from '../publishing/evaluatePublish.ts';
import { storeSupergraphs } from '../publishing/storePublish.ts';
import type { SubgraphMember } from '../repositories/SubgraphRepository.ts';
import { SupergraphRepository } from '../repositories/SupergraphRepository.ts';
import { UsageRepository } from '../repositories/UsageRepository.ts';

export interface Recomposition {
  graph: Graph;
  members: SubgraphMember[];
  /** Null when the graph has no member left: it is withdrawn. */
  outcome: CompositionOutcome | null;
  /** Grantable coordinates the graph serves now and would not serve after the change. */
  leaving: string[];
}

/** A field the change would take away from requesters who hold a grant for it or called it recently. */
export interface ProtectedLeavingField {
  graph: string;
  coordinate: string;
  grants: string[];
  traffic: { count: number; clients: string[]; sinceDays: number } | null;
}

/** The administrator's override of that protection: `force` with a reason. */
export interface ForceInput {
  force?: boolean | undefined;
  reason?: string | undefined;
}

function grantableCoordinates(supergraphSdl: string, apiSchemaSdl: string): Set<string> {
  if (supergraphSdl === '' || apiSchemaSdl === '') return new Set();
  return new Set(buildCoordinateModel(supergraphSdl, buildSchema(apiSchemaSdl)).coordinates);
}

export async function recompose(
  tx: Executor,
  deps: RegistryDeps,
  graph: Graph,
  members: SubgraphMember[],
  options: { deleting?: boolean } = {},
): Promise<Recomposition> {
  const latest = await new SupergraphRepository(tx).latestForGraph(graph.id);
  const outcome = members.length === 0 || options.deleting ? null : await deps.composer.compose(members.map(toInput));
  const before = latest ? grantableCoordinates(latest.supergraphSdl, latest.apiSchemaSdl) : new Set<string>();
  const after = outcome?.ok ? grantableCoordinates(outcome.supergraphSdl, outcome.apiSchemaSdl) : new Set<string>();
  return { graph, members, outcome, leaving: [...before].filter((coordinate) => !after.has(coordinate)).sort() };
}

/** A refusal naming every graph that does not compose after the change; nothing is stored. */
export function compositionRefusal(recompositions: readonly Recomposition[], what: Message): Result<never> | null {
  const failed = recompositions.flatMap((entry) =>
    entry.outcome && !entry.outcome.ok ? [{ graph: entry.graph.name, errors: entry.outcome.errors as FederationIssue[] }] : [],
  );
  if (failed.length === 0) return null;
  const named = failed.map((entry) => `${entry.graph}${entry.errors[0] ? ` (${entry.errors[0].message})` : ''}`).join('; ');
  return fail(
    ErrorCode.COMPOSITION_FAILED,
    {
      id: `${what.id} ditolak, tidak ada yang disimpan: komposisi gagal pada graf ${named}.`,
      en: `${what.en} refused, nothing stored: composition failed for graph(s) ${named}.`,
    },
    { failedGraphs: failed },
  );
}

/** Grants (in that graph) and recent traffic (to that graph) on the fields each graph would stop serving. */
export async function protectedLeavingFields(
  tx: Executor,
  deps: RegistryDeps,
  recompositions: readonly Recomposition[],
): Promise<ProtectedLeavingField[]> {
  const usage = new UsageRepository(tx);
  const sinceDays = deps.config.trafficWindowDays;
  const found: ProtectedLeavingField[] = [];
  for (const { graph, leaving } of recompositions) {
    if (leaving.length === 0) continue;
    const grants = (await usage.activeGrants(leaving, deps.now())).filter((grant) => grant.graph === graph.name);
    const traffic =
      sinceDays > 0 ? await usage.traffic(leaving, new Date(deps.now().getTime() - sinceDays * 86_400_000), graph.name) : [];
    for (const coordinate of leaving) {
      const holders = [...new Set(grants.filter((grant) => grant.coordinate === coordinate).map((grant) => grant.client))].sort();
      const calls = traffic.filter((row) => row.coordinate === coordinate);
      if (holders.length === 0 && calls.length === 0) continue;
      found.push({
        graph: graph.name,
        coordinate,
        grants: holders,
        traffic:
          calls.length === 0
            ? null
            : {
                count: calls.reduce((sum, row) => sum + row.requests, 0),
                clients: [...new Set(calls.map((row) => row.client ?? 'klien tanpa kredensial'))].sort(),
                sinceDays,
              },
      });
    }
  }
  return found;
}

/**
 * Whether the change may go ahead: no protected field leaves, or an administrator forces it with a
 * reason. A forced change records the fields it took away (the caller puts them in the trail).
 */
export function protectionRefusal(
  actor: Actor,
  found: readonly ProtectedLeavingField[],
  force: ForceInput,
  what: Message,
): Result<void> {
  if (force.force && actor.role !== 'administrator') {
    return fail(ErrorCode.FORBIDDEN, {
      id: 'Hanya administrator yang dapat memaksa perubahan yang menghapus field yang masih dipakai (force).',
      en: 'Only an administrator can force a change that removes fields still in use (force).',
    });
  }
  if (force.force && (force.reason ?? '').trim().length < 10) {
    return fail(
      ErrorCode.VALIDATION_FAILED,
      {
        id: 'Perubahan yang dipaksa wajib disertai alasan (reason, paling sedikit 10 karakter).',
        en: 'A forced change needs a reason (reason, at least 10 characters).',
      },
      { field: 'reason' },
    );
  }
  if (found.length === 0 || force.force) return ok(undefined);
  const requesters = [...new Set(found.flatMap((field) => [...field.grants, ...(field.traffic?.clients ?? [])]))].sort();
  const fields = found.map((field) => `${field.coordinate} (graf ${field.graph})`).join(', ');
  const fieldsEn = found.map((field) => `${field.coordinate} (graph ${field.graph})`).join(', ');
  return fail(
    ErrorCode.CHECK_FAILED,
    {
      id: `${what.id} ditolak: field berikut masih dipakai pemohon ${requesters.join(', ')}: ${fields}. Administrator dapat memaksanya dengan alasan (force, reason).`,
      en: `${what.en} refused: these fields are still used by ${requesters.join(', ')}: ${fieldsEn}. An administrator can force it with a reason (force, reason).`,
    },
    { protectedFields: found, requesters },
  );
}

/** Stores each recomposition: a new supergraph version, or a withdrawal when no member is left. */
export async function storeRecompositions(
  tx: Executor,
  recompositions: readonly Recomposition[],
): Promise<{ graph: string; version: number; withdrawn: boolean }[]> {
  const supergraphRepository = new SupergraphRepository(tx);
  const stored: { graph: string; version: number; withdrawn: boolean }[] = [];
  for (const entry of recompositions) {
    if (entry.outcome === null) {
      // Nothing to withdraw when the graph never served anything (or already serves nothing).
      if (!(await supergraphRepository.latestForGraph(entry.graph.id))) continue;
      const withdrawn = await supergraphRepository.withdraw(entry.graph.id);
      stored.push({ graph: entry.graph.name, version: withdrawn.version, withdrawn: true });
      continue;
    }
    const versions = await storeSupergraphs(tx, [
      { graph: entry.graph, outcome: entry.outcome, schemaVersionIds: entry.members.map((member) => member.versionId) },
    ]);
    stored.push(...versions.map((version) => ({ ...version, withdrawn: false })));
  }
  return stored;
}
