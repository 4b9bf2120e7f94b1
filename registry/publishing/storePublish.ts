/**
 * Stores an accepted publish, inside the caller's transaction: the subgraph row, the schema version
 * (SDL, hash, author, check report, changes, line diff), the field metadata (edited values kept), a
 * new supergraph version of every affected graph whose composition changed, and the trail entry.
 */
import type { Executor } from '../../drizzle/database.ts';
import type { Graph, SchemaVersion, Subgraph } from '../../drizzle/schema/index.ts';
import { extractFieldMetadata } from '../checks/index.ts';
import type { CompositionOutcome } from '../checks/index.ts';
import { systemActor } from '../http/actor.ts';
import type { Actor } from '../http/actor.ts';
import { FieldMetadataRepository } from '../repositories/FieldMetadataRepository.ts';
import { SubgraphRepository } from '../repositories/SubgraphRepository.ts';
import { SupergraphRepository } from '../repositories/SupergraphRepository.ts';
import { recordTrail } from '../trail/recordTrail.ts';
import type { Evaluation } from './evaluatePublish.ts';
import { sha256 } from './preparePublish.ts';
import type { PreparedPublish } from './preparePublish.ts';
import type { PublishReport } from './report.ts';

export interface StoredPublish {
  subgraphId: string;
  version: number;
  sdlHash: string;
  /** New supergraph versions, to announce to the gateways once the transaction has committed. */
  supergraphs: { graph: string; version: number }[];
}

/** The publish input's seconds as the stored whole milliseconds. */
export function timeoutMsOf(seconds: number): number {
  return Math.round(seconds * 1_000);
}

export async function storePublish(
  tx: Executor,
  actor: Actor,
  prepared: PreparedPublish,
  evaluation: Evaluation,
): Promise<StoredPublish> {
  const { subgraph, version } = await storeSubgraphVersion(tx, actor, prepared, evaluation.report);
  const supergraphs = await storeSupergraphs(
    tx,
    evaluation.graphs.map(({ graph, outcome, memberVersionIds, leaving }) => ({
      graph,
      outcome,
      schemaVersionIds: leaving ? memberVersionIds : [...memberVersionIds, version.id],
    })),
  );
  await recordPublishTrail(tx, actor, prepared, evaluation.report, { subgraph, version, supergraphs });
  return { subgraphId: subgraph.id, version: version.version, sdlHash: version.sdlHash, supergraphs };
}

/** The subgraph row (created, updated, or brought back from retirement), its new version and field metadata. */
export async function storeSubgraphVersion(
  tx: Executor,
  actor: Actor,
  prepared: PreparedPublish,
  report: PublishReport,
): Promise<{ subgraph: Subgraph; version: SchemaVersion }> {
  const { input, existing, previous } = prepared;
  const subgraphs = new SubgraphRepository(tx, { agencyId: prepared.agency.id });
  const details = {
    themeId: prepared.theme.id,
    routingUrl: prepared.routingUrl,
    ...(input.description === undefined ? {} : { description: input.description }),
    ...(input.contact === undefined ? {} : { contact: input.contact }),
    ...(input.timeoutSeconds === undefined ? {} : { timeoutMs: timeoutMsOf(input.timeoutSeconds) }),
    // Publishing a retired subgraph again brings it back into its graphs.
    ...(existing?.retiredAt ? { retiredAt: null } : {}),
  };
  const subgraph = existing
    ? await subgraphs.update(existing.id, details)
    : await subgraphs.create({ name: input.name, agencyId: prepared.agency.id, ...details });
  if (!subgraph) throw new Error(`subgraph ${input.name} vanished during publish`);

  const version = await subgraphs.insertVersion({
    subgraphId: subgraph.id,
    version: (previous?.version ?? 0) + 1,
    sdl: input.schema,
    sdlHash: prepared.sdlHash,
    routingUrl: prepared.routingUrl,
    authorId: actor.userId === systemActor.userId ? null : actor.userId,
    checkReport: report,
    changes: report.changes,
    diffText: report.sdlDiff,
    overrideReason: report.override?.reason ?? null,
  });

  await new FieldMetadataRepository(tx).replaceForSubgraph(subgraph.id, extractFieldMetadata(input.schema));
  return { subgraph, version };
}

/** A graph's new composition and the schema versions it is built from. */
export interface ComposedSupergraph {
  graph: Graph;
  outcome: CompositionOutcome;
  schemaVersionIds: string[];
}

/**
 * A new supergraph version of every graph whose composition changed (same SDL as the newest: nothing
 * the gateways serve changes, nothing stored). Returns what to announce after the commit.
 */
export async function storeSupergraphs(
  tx: Executor,
  composed: readonly ComposedSupergraph[],
): Promise<StoredPublish['supergraphs']> {
  const supergraphRepository = new SupergraphRepository(tx);
  const supergraphs: StoredPublish['supergraphs'] = [];
  for (const { graph, outcome, schemaVersionIds } of composed) {
    if (!outcome.ok) throw new Error(`refusing to store graph ${graph.name}: its composition failed`);
    const hash = sha256(outcome.supergraphSdl);
    const latest = await supergraphRepository.latestForGraph(graph.id, { includeWithdrawn: true });
    if (latest?.sdlHash === hash) continue; // nothing the gateways serve has changed
    const stored = await supergraphRepository.insert({
      graphId: graph.id,
      version: (latest?.version ?? 0) + 1,
      supergraphSdl: outcome.supergraphSdl,
      apiSchemaSdl: outcome.apiSchemaSdl,
      sdlHash: hash,
      schemaVersionIds,
    });
    supergraphs.push({ graph: graph.name, version: stored.version });
  }
  return supergraphs;
}

/** The trail entry of one stored version; `changeSet` names the other subgraphs published with it. */
export async function recordPublishTrail(
  tx: Executor,
  actor: Actor,
  prepared: PreparedPublish,
  report: PublishReport,
  stored: { subgraph: Subgraph; version: SchemaVersion; supergraphs: StoredPublish['supergraphs'] },
  changeSet?: { id: string; subgraphs: string[] },
): Promise<void> {
  const { existing, previous } = prepared;
  const { subgraph, version, supergraphs } = stored;
  const overrideReason = report.override?.reason ?? null;
  await recordTrail(tx, {
    actor,
    action: overrideReason === null ? 'subgraph.published' : 'subgraph.publish_overridden',
    subjectType: 'subgraph',
    subjectId: subgraph.id,
    agencyId: prepared.agency.id,
    reason: overrideReason ?? '',
    before: previous
      ? {
          version: previous.version,
          sdlHash: previous.sdlHash,
          routingUrl: previous.routingUrl,
          theme: existing?.themeSlug,
        }
      : null,
    after: {
      name: subgraph.name,
      version: version.version,
      sdlHash: version.sdlHash,
      routingUrl: version.routingUrl,
      routingUrlChanged: previous !== null && previous.routingUrl !== version.routingUrl,
      theme: prepared.theme.slug,
      timeoutMs: subgraph.timeoutMs,
      breakingChanges: report.changes
        .filter((change) => change.criticality === 'BREAKING')
        .map((change) => change.message),
      supergraphs,
      ...(changeSet ? { changeSet } : {}),
    },
  });
}
