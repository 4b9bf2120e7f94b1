/**
 * Changing what graphs hold, in the caller's transaction (compositions locked by the caller): an
 * administrator changes a graph's themes or deletes a graph; a publisher (own agency) or an
 * administrator retires a subgraph. Each recomposes the graphs it touches and refuses, storing
 * nothing, when one no longer composes, or when fields still granted or recently called would
 * disappear, unless an administrator forces it with a reason. Every change is in the trail.
 */
import type { Executor } from '../../drizzle/database.ts';
import type { Graph } from '../../drizzle/schema/index.ts';
import { ErrorCode, fail, ok } from '../../lib/errors.ts';
import type { Result } from '../../lib/errors.ts';
import { checkThemes } from '../admin/catalogue.ts';
import type { RegistryDeps } from '../deps.ts';
import type { Actor } from '../http/actor.ts';
import { GraphRepository } from '../repositories/GraphRepository.ts';
import { SubgraphRepository } from '../repositories/SubgraphRepository.ts';
import { recordTrail } from '../trail/recordTrail.ts';
import { graphMembers } from './membership.ts';
import {
  compositionRefusal,
  protectedLeavingFields,
  protectionRefusal,
  recompose,
  storeRecompositions,
} from './recompose.ts';
import type { ForceInput, ProtectedLeavingField } from './recompose.ts';

export interface GraphChange {
  graph: Graph;
  supergraphs: { graph: string; version: number; withdrawn: boolean }[];
  /** Fields taken away from requesters by an administrator's forced change. */
  forced: ProtectedLeavingField[];
}

export function graphNotFound<T>(name: string): Result<T> {
  return fail(ErrorCode.NOT_FOUND, { id: `Graf '${name}' tidak ada.`, en: `No graph '${name}'.` }, { name });
}

export async function updateGraph(
  tx: Executor,
  deps: RegistryDeps,
  actor: Actor,
  name: string,
  patch: { themes?: string[] | undefined; excludeThemes?: string[] | undefined; description?: string | undefined } & ForceInput,
): Promise<Result<GraphChange>> {
  const graphs = new GraphRepository(tx);
  const graph = await graphs.lockByName(name);
  if (!graph) return graphNotFound(name);
  const themeSlugs = patch.themes === undefined ? graph.themeSlugs : [...new Set(patch.themes)].sort();
  const excludedThemeSlugs =
    patch.excludeThemes === undefined ? graph.excludedThemeSlugs : [...new Set(patch.excludeThemes)].sort();
  const themesKnown = await checkThemes(tx, themeSlugs, excludedThemeSlugs);
  if (!themesKnown.ok) return themesKnown;

  const what = { id: `Perubahan tema graf ${name}`, en: `Changing the themes of graph ${name}` };
  const recomposition = await recompose(tx, deps, graph, await graphMembers(tx, { themeSlugs, excludedThemeSlugs }));
  const refused = compositionRefusal([recomposition], what);
  if (refused) return refused;
  const found = await protectedLeavingFields(tx, deps, [recomposition]);
  const allowed = protectionRefusal(actor, found, patch, what);
  if (!allowed.ok) return allowed;

  const updated = await graphs.update(graph.id, {
    themeSlugs,
    excludedThemeSlugs,
    ...(patch.description === undefined ? {} : { description: patch.description }),
  });
  if (!updated) throw new Error(`graph ${name} vanished while it was locked`);
  const supergraphs = await storeRecompositions(tx, [recomposition]);
  await recordTrail(tx, {
    actor,
    action: 'graph.updated',
    subjectType: 'graph',
    subjectId: graph.id,
    reason: patch.reason ?? '',
    before: { themes: graph.themeSlugs, excludedThemes: graph.excludedThemeSlugs, description: graph.description },
    after: {
      themes: updated.themeSlugs,
      excludedThemes: updated.excludedThemeSlugs,
      description: updated.description,
      subgraphs: recomposition.members.map((member) => member.name),
      supergraphs,
      forced: patch.force ? found : [],
    },
  });
  return ok({ graph: updated, supergraphs, forced: patch.force ? found : [] });
}

export async function deleteGraph(
  tx: Executor,
  deps: RegistryDeps,
  actor: Actor,
  name: string,
  force: ForceInput,
): Promise<Result<GraphChange>> {
  const graphs = new GraphRepository(tx);
  const graph = await graphs.lockByName(name);
  if (!graph) return graphNotFound(name);
  const what = { id: `Penghapusan graf ${name}`, en: `Deleting graph ${name}` };
  const recomposition = await recompose(tx, deps, graph, [], { deleting: true });
  const found = await protectedLeavingFields(tx, deps, [recomposition]);
  const allowed = protectionRefusal(actor, found, force, what);
  if (!allowed.ok) return allowed;

  const supergraphs = await storeRecompositions(tx, [recomposition]);
  await graphs.markDeleted(graph.id, deps.now());
  await recordTrail(tx, {
    actor,
    action: 'graph.deleted',
    subjectType: 'graph',
    subjectId: graph.id,
    reason: force.reason ?? '',
    before: { name: graph.name, themes: graph.themeSlugs, excludedThemes: graph.excludedThemeSlugs },
    after: { supergraphs, forced: force.force ? found : [] },
  });
  return ok({ graph, supergraphs, forced: force.force ? found : [] });
}

export interface RetiredSubgraph {
  subgraph: string;
  supergraphs: { graph: string; version: number; withdrawn: boolean }[];
  forced: ProtectedLeavingField[];
}

export async function retireSubgraph(
  tx: Executor,
  deps: RegistryDeps,
  actor: Actor,
  name: string,
  force: ForceInput,
): Promise<Result<RetiredSubgraph>> {
  await new SubgraphRepository(tx, { agencyId: null }).lockByName(name);
  const existing = await new SubgraphRepository(tx, { agencyId: null }).findByName(name);
  if (!existing) {
    return fail(ErrorCode.NOT_FOUND, { id: `Subgraph '${name}' tidak ada.`, en: `No subgraph '${name}'.` }, { name });
  }
  if (actor.role !== 'administrator' && existing.agencyId !== actor.agencyId) {
    return fail(
      ErrorCode.FORBIDDEN,
      {
        id: `Subgraph '${name}' milik ${existing.agencyName}: publisher hanya dapat memensiunkan subgraph PD-nya sendiri.`,
        en: `Subgraph '${name}' belongs to ${existing.agencyName}: a publisher can only retire its own agency's subgraphs.`,
      },
      { name, owner: existing.agencySlug },
    );
  }
  if (existing.retiredAt) {
    return fail(
      ErrorCode.CONFLICT,
      { id: `Subgraph '${name}' sudah dipensiunkan.`, en: `Subgraph '${name}' is already retired.` },
      { name, retiredAt: existing.retiredAt.toISOString() },
    );
  }

  const what = { id: `Pensiun subgraph ${name}`, en: `Retiring subgraph ${name}` };
  const recompositions = [];
  for (const graph of await new GraphRepository(tx).listContainingTheme(existing.themeSlug)) {
    const members = (await graphMembers(tx, graph)).filter((member) => member.name !== name);
    recompositions.push(await recompose(tx, deps, graph, members));
  }
  const refused = compositionRefusal(recompositions, what);
  if (refused) return refused;
  const found = await protectedLeavingFields(tx, deps, recompositions);
  const allowed = protectionRefusal(actor, found, force, what);
  if (!allowed.ok) return allowed;

  await new SubgraphRepository(tx, { agencyId: existing.agencyId }).update(existing.id, { retiredAt: deps.now() });
  const supergraphs = await storeRecompositions(tx, recompositions);
  await recordTrail(tx, {
    actor,
    action: 'subgraph.retired',
    subjectType: 'subgraph',
    subjectId: existing.id,
    agencyId: existing.agencyId,
    reason: force.reason ?? '',
    before: { name, theme: existing.themeSlug, routingUrl: existing.routingUrl },
    after: { supergraphs, forced: force.force ? found : [] },
  });
  return ok({ subgraph: name, supergraphs, forced: force.force ? found : [] });
}
