/**
 * Runs the checks of a prepared publish against the stored state: composes every graph the subgraph
 * belongs to (and, when it moves to another theme, every graph it leaves), diffs it against its
 * previous version, and looks up grants and traffic on the fields a breaking change would hurt.
 * Reads only; what to store is decided by the caller.
 */
import type { Executor } from '../../drizzle/database.ts';
import type { Graph } from '../../drizzle/schema/index.ts';
import type { Message } from '../../lib/errors.ts';
import { renderDiff, runChecks, sdlLineDiff } from '../checks/index.ts';
import type { CompositionOutcome, ProtectionSources, SubgraphInput } from '../checks/index.ts';
import type { RegistryDeps } from '../deps.ts';
import { graphMembers } from '../graphs/membership.ts';
import { GraphRepository } from '../repositories/GraphRepository.ts';
import { SubgraphRepository } from '../repositories/SubgraphRepository.ts';
import type { SubgraphMember } from '../repositories/SubgraphRepository.ts';
import { UsageRepository } from '../repositories/UsageRepository.ts';
import type { PreparedPublish } from './preparePublish.ts';
import type { CrossAgencyReachReport, GraphComposition, PublishReport } from './report.ts';
import { AgencyRepository } from '../repositories/AgencyRepository.ts';
import { findCrossAgencyReaches } from '../checks/crossAgency.ts';
import type { CrossAgencyReachKind, OwnedSubgraph } from '../checks/crossAgency.ts';

/** A graph's composition with the new version, and the stored versions it is built from. */
export interface ComposedGraph {
  graph: Graph;
  outcome: CompositionOutcome;
  /** The other members' schema version ids (the new version's id is added when it is stored). */
  memberVersionIds: string[];
  /** The subgraph leaves this graph (theme change): composed without it. */
  leaving: boolean;
}

export interface Evaluation {
  report: PublishReport;
  graphs: ComposedGraph[];
  compositionFailed: boolean;
  /** Breaking changes (under the policy) or protected-field violations: what an override may accept. */
  checksFailed: boolean;
  /** New reaches into other agencies' fields: the publish waits for their consent. */
  crossAgency: CrossAgencyReachReport[];
}

export const toInput = (member: SubgraphMember): SubgraphInput => ({
  name: member.name,
  url: member.routingUrl,
  sdl: member.sdl,
});

export function protectionSources(db: Executor, deps: RegistryDeps): ProtectionSources {
  const usage = new UsageRepository(db);
  return {
    trafficWindowDays: deps.config.trafficWindowDays,
    async activeGrants(coordinates) {
      const grants = await usage.activeGrants(coordinates, deps.now());
      return grants.map((grant) => ({
        coordinate: grant.coordinate,
        clientId: grant.clientId,
        clientName: grant.organization ? `${grant.client} (${grant.organization})` : grant.client,
      }));
    },
    async recentTraffic(coordinates, sinceDays) {
      if (sinceDays <= 0) return [];
      const since = new Date(deps.now().getTime() - sinceDays * 86_400_000);
      const rows = await usage.traffic(coordinates, since);
      const byCoordinate = new Map<string, { count: number; clients: Set<string> }>();
      for (const row of rows) {
        const entry = byCoordinate.get(row.coordinate) ?? { count: 0, clients: new Set<string>() };
        entry.count += row.requests;
        entry.clients.add(row.client ?? 'klien tanpa kredensial');
        byCoordinate.set(row.coordinate, entry);
      }
      return [...byCoordinate].map(([coordinate, entry]) => ({
        coordinate,
        count: entry.count,
        clients: [...entry.clients].sort(),
      }));
    },
  };
}

export async function evaluatePublish(
  db: Executor,
  deps: RegistryDeps,
  prepared: PreparedPublish,
): Promise<Evaluation> {
  const { input } = prepared;
  const graphRepository = new GraphRepository(db);
  const joining = await graphRepository.listContainingTheme(prepared.theme.slug);
  const joiningNames = new Set(joining.map((graph) => graph.name));
  const leaving =
    prepared.existing && prepared.existing.themeSlug !== prepared.theme.slug
      ? (await graphRepository.listContainingTheme(prepared.existing.themeSlug)).filter(
          (graph) => !joiningNames.has(graph.name),
        )
      : [];

  const membersByGraph = new Map<string, SubgraphMember[]>();
  for (const graph of [...joining, ...leaving]) {
    const members = (await graphMembers(db, graph)).filter((member) => member.name !== input.name);
    membersByGraph.set(graph.name, members);
  }

  const checks = await runChecks({
    subgraphName: input.name,
    routingUrl: prepared.routingUrl,
    newSdl: input.schema,
    previousSdl: prepared.previous?.sdl ?? null,
    otherSubgraphsByGraph: new Map(
      joining.map((graph) => [graph.name, (membersByGraph.get(graph.name) ?? []).map(toInput)]),
    ),
    protection: protectionSources(db, deps),
    maxBytes: deps.config.maxSchemaBytes,
    ...(deps.config.schemaLimits ? { limits: deps.config.schemaLimits } : {}),
    failOnBreaking: deps.publishing.failOnBreaking,
    compose: deps.composer.compose,
  });

  const graphs: ComposedGraph[] = [];
  for (const graph of joining) {
    const outcome = checks.composition[graph.name];
    if (!outcome) continue;
    const memberVersionIds = (membersByGraph.get(graph.name) ?? []).map((member) => member.versionId);
    graphs.push({ graph, outcome, memberVersionIds, leaving: false });
  }
  for (const graph of leaving) {
    const members = membersByGraph.get(graph.name) ?? [];
    // A graph left with no subgraph keeps its last supergraph: there is nothing to compose.
    if (members.length === 0) continue;
    graphs.push({
      graph,
      outcome: await deps.composer.compose(members.map(toInput)),
      memberVersionIds: members.map((m) => m.versionId),
      leaving: true,
    });
  }

  const composition: GraphComposition[] = graphs.map(({ graph, outcome, leaving: isLeaving }) => ({
    graph: graph.name,
    ok: outcome.ok,
    errors: outcome.ok ? [] : outcome.errors,
    hints: outcome.ok ? outcome.hints : [],
    leaving: isLeaving,
  }));
  const compositionFailed = composition.some((entry) => !entry.ok);
  const checksFailed =
    checks.protectedViolations.length > 0 || (deps.publishing.failOnBreaking && checks.breaking);
  const passed = !compositionFailed && !checksFailed && checks.validationError === null;

  const report: PublishReport = {
    passed,
    subgraph: input.name,
    summary: summaryOf(checks.summary, composition),
    composition,
    breaking: checks.breaking,
    changes: checks.changes,
    protectedViolations: checks.protectedViolations,
    diff: renderDiff(checks.changes),
    sdlDiff: sdlLineDiff(prepared.previous?.sdl ?? null, input.schema, {
      oldLabel: prepared.previous ? `${input.name} v${prepared.previous.version}` : 'kosong',
      newLabel: `${input.name} (baru)`,
    }),
    override: null,
    // Reaches count where the gateway joins the subgraphs: in the graphs this one belongs to.
    crossAgency: await crossAgencyReport(db, prepared, sharingAGraph(joining, membersByGraph)),
    routing: {
      previousUrl: prepared.previous?.routingUrl ?? null,
      url: prepared.routingUrl,
      changed: prepared.previous !== null && prepared.previous.routingUrl !== prepared.routingUrl,
      allowedPrefixes: prepared.agency.routingUrlPrefixes,
    },
  };
  if (report.crossAgency.length > 0) report.summary = withCrossAgency(report.summary, report.crossAgency);
  return { report, graphs, compositionFailed, checksFailed, crossAgency: report.crossAgency };
}

/** The stored subgraphs that share at least one of `graphs` with the subgraph published, once each. */
export function sharingAGraph(graphs: readonly Graph[], membersByGraph: ReadonlyMap<string, SubgraphMember[]>): OwnedSubgraph[] {
  const byName = new Map<string, OwnedSubgraph>();
  for (const graph of graphs) {
    for (const member of membersByGraph.get(graph.name) ?? []) {
      byName.set(member.name, { name: member.name, agencyId: member.agencyId, sdl: member.sdl });
    }
  }
  return [...byName.values()];
}

/** runChecks' summary, plus failures of graphs the subgraph leaves (which runChecks does not compose). */
function summaryOf(summary: Message, composition: readonly GraphComposition[]): Message {
  const failedLeaving = composition.filter((entry) => entry.leaving && !entry.ok).map((entry) => entry.graph);
  if (failedLeaving.length === 0) return summary;
  return {
    id: `${summary.id} Komposisi tanpa subgraph ini gagal pada graf ${failedLeaving.join(', ')}.`,
    en: `${summary.en} Composition without this subgraph failed for graph(s) ${failedLeaving.join(', ')}.`,
  };
}

/**
 * The new reaches of this version into fields of other agencies, against every stored subgraph, or
 * against `others` (a change set: the stored subgraphs outside it and the set's other members).
 */
export async function crossAgencyReport(
  db: Executor,
  prepared: PreparedPublish,
  given?: readonly OwnedSubgraph[],
): Promise<CrossAgencyReachReport[]> {
  const others = (given ?? (await new SubgraphRepository(db, { agencyId: null }).listMembers(null))).filter(
    (member) => member.name !== prepared.input.name,
  );
  const reaches = findCrossAgencyReaches({
    subgraphName: prepared.input.name,
    agencyId: prepared.agency.id,
    newSdl: prepared.input.schema,
    previousSdl: prepared.previous?.sdl ?? null,
    others: others.map((member) => ({ name: member.name, agencyId: member.agencyId, sdl: member.sdl })),
  });
  if (reaches.length === 0) return [];
  const agencies = new Map((await new AgencyRepository(db).list()).map((agency) => [agency.id, agency]));
  return reaches.map((reach) => {
    const owner = agencies.get(reach.ownerAgencyId);
    const ownerName = owner?.name ?? reach.ownerAgencyId;
    return {
      kind: reach.kind,
      coordinate: reach.coordinate,
      ownerAgency: owner?.slug ?? reach.ownerAgencyId,
      ownerAgencyName: ownerName,
      ownerSubgraph: reach.ownerSubgraph,
      message: reachMessage(reach.kind, reach.coordinate, ownerName, reach.ownerSubgraph),
    };
  });
}

function reachMessage(kind: CrossAgencyReachKind, coordinate: string, owner: string, subgraph: string): Message {
  switch (kind) {
    case 'override':
      return {
        id: `Mengambil alih field ${coordinate} milik ${owner} (subgraph ${subgraph}) dengan @override`,
        en: `Takes over field ${coordinate} of ${owner} (subgraph ${subgraph}) with @override`,
      };
    case 'shared':
      return {
        id: `Mendefinisikan ulang field ${coordinate} milik ${owner} (subgraph ${subgraph}): pemohon dapat dilayani nilai dari subgraph ini`,
        en: `Defines field ${coordinate} of ${owner} (subgraph ${subgraph}) again: requesters may be served this subgraph's value`,
      };
    case 'provides':
      return {
        id: `Menyatakan dapat menyediakan field ${coordinate} milik ${owner} (subgraph ${subgraph}) dengan @provides`,
        en: `Claims to provide field ${coordinate} of ${owner} (subgraph ${subgraph}) with @provides`,
      };
    case 'requires':
      return {
        id: `Meminta data field ${coordinate} milik ${owner} (subgraph ${subgraph}) dengan @requires`,
        en: `Requires the data of field ${coordinate} of ${owner} (subgraph ${subgraph}) with @requires`,
      };
  }
}

export function withCrossAgency(summary: Message, reaches: readonly CrossAgencyReachReport[]): Message {
  const owners = [...new Set(reaches.map((reach) => reach.ownerAgencyName))].join(', ');
  return {
    id: `${summary.id} Perubahan lintas PD (${reaches.length} field milik ${owners}): menunggu persetujuan PD pemilik.`,
    en: `${summary.en} Cross-agency change (${reaches.length} field(s) of ${owners}): awaiting the owning agency's consent.`,
  };
}
