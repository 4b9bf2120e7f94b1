/**
 * Agencies, themes and graphs: created by administrators (and by the bootstrap), trail-recorded, in
 * the caller's transaction. A new graph is composed at once from the subgraphs already published
 * under its themes; if that composition fails, the graph is not created.
 */
import type { Executor } from '../../drizzle/database.ts';
import type { Agency, Graph, Theme } from '../../drizzle/schema/index.ts';
import { ErrorCode, fail, ok } from '../../lib/errors.ts';
import type { Result } from '../../lib/errors.ts';
import { composeGraph } from '../checks/index.ts';
import type { CompositionOutcome, FederationIssue, SubgraphInput } from '../checks/index.ts';
import type { Actor } from '../http/actor.ts';
import { sha256 } from '../publishing/preparePublish.ts';
import { AgencyRepository } from '../repositories/AgencyRepository.ts';
import { graphMembers } from '../graphs/membership.ts';
import { GraphRepository } from '../repositories/GraphRepository.ts';
import { SupergraphRepository } from '../repositories/SupergraphRepository.ts';
import { ThemeRepository } from '../repositories/ThemeRepository.ts';
import { recordTrail } from '../trail/recordTrail.ts';

export interface CatalogueEntryInput {
  slug: string;
  name: string;
  description?: string | undefined;
  contact?: string | undefined;
}

export async function createAgency(
  tx: Executor,
  actor: Actor,
  input: CatalogueEntryInput,
): Promise<Result<Agency>> {
  const agency = await new AgencyRepository(tx).create({
    slug: input.slug,
    name: input.name,
    description: input.description ?? '',
    contact: input.contact ?? '',
  });
  if (!agency) {
    return fail(
      ErrorCode.CONFLICT,
      { id: `PD '${input.slug}' sudah ada.`, en: `Agency '${input.slug}' already exists.` },
      { field: 'slug' },
    );
  }
  await recordTrail(tx, {
    actor,
    action: 'agency.created',
    subjectType: 'agency',
    subjectId: agency.id,
    agencyId: agency.id,
    after: { slug: agency.slug, name: agency.name, description: agency.description, contact: agency.contact },
  });
  return ok(agency);
}

/** Changes an agency's name, description or contact (its slug stays: subgraphs and users name it). */
export async function updateAgency(
  tx: Executor,
  actor: Actor,
  slug: string,
  changes: Partial<Pick<Agency, 'name' | 'description' | 'contact'>>,
): Promise<Result<Agency>> {
  const repository = new AgencyRepository(tx);
  const before = await repository.findBySlug(slug);
  if (!before) return fail(ErrorCode.NOT_FOUND, { id: `PD '${slug}' tidak ada.`, en: `No agency '${slug}'.` });
  const agency = await repository.update(slug, changes);
  if (!agency) return fail(ErrorCode.NOT_FOUND, { id: `PD '${slug}' tidak ada.`, en: `No agency '${slug}'.` });
  await recordTrail(tx, {
    actor,
    action: 'agency.updated',
    subjectType: 'agency',
    subjectId: agency.id,
    agencyId: agency.id,
    before: { name: before.name, description: before.description, contact: before.contact },
    after: { name: agency.name, description: agency.description, contact: agency.contact },
  });
  return ok(agency);
}

/** Changes a theme's name or description (its slug stays: graphs and subgraphs name it). */
export async function updateTheme(
  tx: Executor,
  actor: Actor,
  slug: string,
  changes: Partial<Pick<Theme, 'name' | 'description'>>,
): Promise<Result<Theme>> {
  const repository = new ThemeRepository(tx);
  const before = await repository.findBySlug(slug);
  if (!before) return fail(ErrorCode.NOT_FOUND, { id: `Tema '${slug}' tidak ada.`, en: `No theme '${slug}'.` });
  const theme = await repository.update(slug, changes);
  if (!theme) return fail(ErrorCode.NOT_FOUND, { id: `Tema '${slug}' tidak ada.`, en: `No theme '${slug}'.` });
  await recordTrail(tx, {
    actor,
    action: 'theme.updated',
    subjectType: 'theme',
    subjectId: theme.id,
    before: { name: before.name, description: before.description },
    after: { name: theme.name, description: theme.description },
  });
  return ok(theme);
}

export async function createTheme(
  tx: Executor,
  actor: Actor,
  input: CatalogueEntryInput,
): Promise<Result<Theme>> {
  const theme = await new ThemeRepository(tx).create({
    slug: input.slug,
    name: input.name,
    description: input.description ?? '',
  });
  if (!theme) {
    return fail(
      ErrorCode.CONFLICT,
      { id: `Tema '${input.slug}' sudah ada.`, en: `Theme '${input.slug}' already exists.` },
      { field: 'slug' },
    );
  }
  await recordTrail(tx, {
    actor,
    action: 'theme.created',
    subjectType: 'theme',
    subjectId: theme.id,
    after: { slug: theme.slug, name: theme.name, description: theme.description },
  });
  return ok(theme);
}

export interface CreatedGraph {
  graph: Graph;
  /** The first supergraph, when subgraphs were already published under the graph's themes. */
  supergraph: { graph: string; version: number } | null;
}

export async function createGraph(
  tx: Executor,
  actor: Actor,
  input: { name: string; description?: string | undefined; themes: string[]; excludeThemes?: string[] | undefined },
  // The registry's routes pass its composer (worker thread, time budget); the bootstrap composes here.
  compose: (subgraphs: SubgraphInput[]) => Promise<CompositionOutcome> | CompositionOutcome = composeGraph,
): Promise<Result<CreatedGraph>> {
  const themeSlugs = [...new Set(input.themes)].sort();
  const excludedThemeSlugs = [...new Set(input.excludeThemes ?? [])].sort();
  const themesKnown = await checkThemes(tx, themeSlugs, excludedThemeSlugs);
  if (!themesKnown.ok) return themesKnown;
  const graphs = new GraphRepository(tx);
  if (await graphs.findByName(input.name)) {
    return fail(
      ErrorCode.CONFLICT,
      { id: `Graf '${input.name}' sudah ada.`, en: `Graph '${input.name}' already exists.` },
      { field: 'name' },
    );
  }
  const supergraphs = new SupergraphRepository(tx);
  await supergraphs.lockCompositions();
  const members = await graphMembers(tx, { themeSlugs, excludedThemeSlugs });
  let composed: { supergraphSdl: string; apiSchemaSdl: string } | null = null;
  if (members.length > 0) {
    const outcome = await compose(
      members.map((member) => ({ name: member.name, url: member.routingUrl, sdl: member.sdl })),
    );
    if (!outcome.ok) {
      const errors: FederationIssue[] = outcome.errors;
      return fail(
        ErrorCode.COMPOSITION_FAILED,
        {
          id: `Graf '${input.name}' tidak dapat dikomposisi dari subgraph yang ada: ${errors[0]?.message ?? ''}`,
          en: `Graph '${input.name}' cannot be composed from the existing subgraphs: ${errors[0]?.message ?? ''}`,
        },
        { errors },
      );
    }
    composed = outcome;
  }
  const graph = await graphs.create({ name: input.name, description: input.description ?? '', themeSlugs, excludedThemeSlugs });
  if (!graph) {
    return fail(
      ErrorCode.CONFLICT,
      { id: `Graf '${input.name}' sudah ada.`, en: `Graph '${input.name}' already exists.` },
      { field: 'name' },
    );
  }
  let supergraph: CreatedGraph['supergraph'] = null;
  if (composed) {
    const stored = await supergraphs.insert({
      graphId: graph.id,
      version: await supergraphs.nextVersionForName(graph.name),
      supergraphSdl: composed.supergraphSdl,
      apiSchemaSdl: composed.apiSchemaSdl,
      sdlHash: sha256(composed.supergraphSdl),
      schemaVersionIds: members.map((member) => member.versionId),
    });
    supergraph = { graph: graph.name, version: stored.version };
  }
  await recordTrail(tx, {
    actor,
    action: 'graph.created',
    subjectType: 'graph',
    subjectId: graph.id,
    after: { name: graph.name, description: graph.description, themes: graph.themeSlugs, excludedThemes: graph.excludedThemeSlugs, supergraph },
  });
  return ok({ graph, supergraph });
}

/** Every theme a graph names (included or excluded) must exist; a theme cannot be both. */
export async function checkThemes(tx: Executor, themes: readonly string[], excluded: readonly string[]): Promise<Result<void>> {
  const wanted = [...new Set([...themes, ...excluded])];
  const known = await new ThemeRepository(tx).findBySlugs(wanted);
  const unknown = wanted.filter((slug) => !known.some((theme) => theme.slug === slug));
  if (unknown.length > 0) {
    return fail(
      ErrorCode.VALIDATION_FAILED,
      { id: `Tema tidak dikenal: ${unknown.join(', ')}.`, en: `Unknown theme(s): ${unknown.join(', ')}.` },
      { field: 'themes', unknown },
    );
  }
  const both = themes.filter((slug) => excluded.includes(slug));
  if (both.length > 0) {
    return fail(
      ErrorCode.VALIDATION_FAILED,
      {
        id: `Tema ${both.join(', ')} tidak dapat sekaligus dimasukkan dan dikecualikan.`,
        en: `Theme(s) ${both.join(', ')} cannot be both included and excluded.`,
      },
      { field: 'excludeThemes', both },
    );
  }
  return ok(undefined);
}
