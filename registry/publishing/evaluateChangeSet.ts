/**
 * The checks of a change set: several subgraphs composed together as one change. Every graph that
 * any member of the set joins or leaves is composed once, from its stored members outside the set and
 * the set's new versions, so subgraphs that only compose together (an `@interfaceObject` and its
 * interface, `@external` fields on both sides) pass where each alone would fail. Each member still
 * gets its own report: diff, breaking changes, protected fields, cross-agency reaches, routing.
 * Reads only; what to store is decided by `runChangeSet.ts`.
 */
import type { Executor } from '../../drizzle/database.ts';
import type { Graph } from '../../drizzle/schema/index.ts';
import type { Message } from '../../lib/errors.ts';
import { renderDiff, runChecks, sdlLineDiff } from '../checks/index.ts';
import type { CompositionOutcome, FederationIssue, SubgraphInput } from '../checks/index.ts';
import type { RegistryDeps } from '../deps.ts';
import { graphMembers } from '../graphs/membership.ts';
import { GraphRepository } from '../repositories/GraphRepository.ts';
import type { OwnedSubgraph } from '../checks/crossAgency.ts';
import { crossAgencyReport, protectionSources, toInput, withCrossAgency } from './evaluatePublish.ts';
import type { PreparedPublish } from './preparePublish.ts';
import type { CrossAgencyReachReport, GraphComposition, PublishReport } from './report.ts';

export interface ChangeSetMember {
  prepared: PreparedPublish;
  report: PublishReport;
  /** Same schema, routing URL and theme as stored: composed with the others, no new version. */
  unchanged: boolean;
  /** Breaking (under the policy) or protected-field violations: what an administrator's override may accept. */
  checksFailed: boolean;
}

export interface ChangeSetGraph {
  graph: Graph;
  outcome: CompositionOutcome;
  /** Schema version ids of the graph's stored members outside the set. */
  storedVersionIds: string[];
  /** Names of the set's members in this graph after the change. */
  setMembers: string[];
}

export interface FailedGraph {
  graph: string;
  /** The set's members the graph holds (or leaves): the subgraphs this failure is about. */
  subgraphs: string[];
  errors: FederationIssue[];
}

export interface ChangeSetEvaluation {
  members: ChangeSetMember[];
  graphs: ChangeSetGraph[];
  failedGraphs: FailedGraph[];
  checksFailed: boolean;
  crossAgency: CrossAgencyReachReport[];
}

export async function evaluateChangeSet(
  db: Executor,
  deps: RegistryDeps,
  set: readonly PreparedPublish[],
): Promise<ChangeSetEvaluation> {
  const names = new Set(set.map((item) => item.input.name));
  const graphRepository = new GraphRepository(db);
  const affected = new Map<string, Graph>();
  /** Per member: the graphs it belongs to after the change, and those it leaves. */
  const joins = new Map<string, Set<string>>();
  const leaves = new Map<string, Set<string>>();
  for (const item of set) {
    const joining = await graphRepository.listContainingTheme(item.theme.slug);
    joins.set(item.input.name, new Set(joining.map((graph) => graph.name)));
    for (const graph of joining) affected.set(graph.name, graph);
    const left = new Set<string>();
    if (item.existing && item.existing.themeSlug !== item.theme.slug) {
      for (const graph of await graphRepository.listContainingTheme(item.existing.themeSlug)) {
        if (joins.get(item.input.name)?.has(graph.name)) continue;
        left.add(graph.name);
        affected.set(graph.name, graph);
      }
    }
    leaves.set(item.input.name, left);
  }

  const graphs: ChangeSetGraph[] = [];
  /** Stored members outside the set of every graph a member joins: whom its reaches are judged against. */
  const sharing = new Map<string, OwnedSubgraph>();
  for (const graph of [...affected.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const stored = (await graphMembers(db, graph)).filter((member) => !names.has(member.name));
    if (set.some((item) => joins.get(item.input.name)?.has(graph.name))) {
      for (const member of stored) sharing.set(member.name, { name: member.name, agencyId: member.agencyId, sdl: member.sdl });
    }
    const inSet = set.filter((item) => joins.get(item.input.name)?.has(graph.name));
    // A graph left with no subgraph keeps its last supergraph, as for a single publish.
    if (stored.length + inSet.length === 0) continue;
    const inputs: SubgraphInput[] = [
      ...stored.map(toInput),
      ...inSet.map((item) => ({ name: item.input.name, url: item.routingUrl, sdl: item.input.schema })),
    ].sort((a, b) => a.name.localeCompare(b.name));
    graphs.push({
      graph,
      outcome: await deps.composer.compose(inputs),
      storedVersionIds: stored.map((member) => member.versionId),
      setMembers: inSet.map((item) => item.input.name),
    });
  }

  const failedGraphs: FailedGraph[] = graphs.flatMap((entry) => {
    if (entry.outcome.ok) return [];
    const errors = entry.outcome.errors;
    const involved = set
      .map((item) => item.input.name)
      .filter((name) => joins.get(name)?.has(entry.graph.name) || leaves.get(name)?.has(entry.graph.name));
    // The engine names the subgraphs an error is about; when it names some of the set, those are the culprits.
    const named = involved.filter((name) => errors.some((error) => mentions(error.message, name)));
    return [{ graph: entry.graph.name, subgraphs: named.length > 0 ? named : involved, errors }];
  });

  // Reaches are judged where the gateway joins subgraphs: against the stored subgraphs sharing a
  // graph with the set, and the set's other members.
  const owned: OwnedSubgraph[] = [
    ...sharing.values(),
    ...set.map((item) => ({ name: item.input.name, agencyId: item.agency.id, sdl: item.input.schema })),
  ];

  const members: ChangeSetMember[] = [];
  for (const item of set) {
    const name = item.input.name;
    const checks = await runChecks({
      subgraphName: name,
      routingUrl: item.routingUrl,
      newSdl: item.input.schema,
      previousSdl: item.previous?.sdl ?? null,
      // Composition is done above, for the set as a whole.
      otherSubgraphsByGraph: new Map(),
      protection: protectionSources(db, deps),
      maxBytes: deps.config.maxSchemaBytes,
      ...(deps.config.schemaLimits ? { limits: deps.config.schemaLimits } : {}),
      failOnBreaking: deps.publishing.failOnBreaking,
    });
    const composition: GraphComposition[] = graphs
      .filter((entry) => joins.get(name)?.has(entry.graph.name) || leaves.get(name)?.has(entry.graph.name))
      .map(({ graph, outcome }) => ({
        graph: graph.name,
        ok: outcome.ok,
        errors: outcome.ok ? [] : outcome.errors,
        hints: outcome.ok ? outcome.hints : [],
        leaving: leaves.get(name)?.has(graph.name) ?? false,
      }));
    const failed = composition.filter((entry) => !entry.ok).map((entry) => entry.graph);
    const checksFailed =
      checks.protectedViolations.length > 0 || (deps.publishing.failOnBreaking && checks.breaking);
    const crossAgency = await crossAgencyReport(db, item, owned);
    const summary = failed.length > 0 ? compositionSummary(failed, checks.summary) : checks.summary;
    members.push({
      prepared: item,
      unchanged:
        item.existing !== null &&
        item.existing.retiredAt === null &&
        item.previous !== null &&
        item.previous.sdlHash === item.sdlHash &&
        item.previous.routingUrl === item.routingUrl &&
        item.existing.themeSlug === item.theme.slug,
      checksFailed,
      report: {
        passed: failed.length === 0 && !checksFailed,
        subgraph: name,
        summary: crossAgency.length > 0 ? withCrossAgency(summary, crossAgency) : summary,
        composition,
        breaking: checks.breaking,
        changes: checks.changes,
        protectedViolations: checks.protectedViolations,
        diff: renderDiff(checks.changes),
        sdlDiff: sdlLineDiff(item.previous?.sdl ?? null, item.input.schema, {
          oldLabel: item.previous ? `${name} v${item.previous.version}` : 'kosong',
          newLabel: `${name} (baru)`,
        }),
        override: null,
        crossAgency,
        routing: {
          previousUrl: item.previous?.routingUrl ?? null,
          url: item.routingUrl,
          changed: item.previous !== null && item.previous.routingUrl !== item.routingUrl,
          allowedPrefixes: item.agency.routingUrlPrefixes,
        },
      },
    });
  }

  return {
    members,
    graphs,
    failedGraphs,
    checksFailed: members.some((member) => member.checksFailed),
    crossAgency: members.flatMap((member) => member.report.crossAgency),
  };
}

/** Whether an engine message names subgraph `name` ("[name] …" or `subgraph "name"`). */
function mentions(message: string, name: string): boolean {
  return message.includes(`[${name}]`) || message.includes(`"${name}"`);
}

function compositionSummary(failed: readonly string[], checks: Message): Message {
  const id = `Pemeriksaan gagal: komposisi gagal pada graf ${failed.join(', ')} (bersama subgraph lain dalam set perubahan ini).`;
  const en = `Check failed: composition failed for graph(s) ${failed.join(', ')} (together with the other subgraphs of this change set).`;
  // The diff and protected-field findings still matter to the publisher: keep them after.
  return checks.id.startsWith('Pemeriksaan gagal') ? { id: `${id} ${checks.id}`, en: `${en} ${checks.en}` } : { id, en };
}
