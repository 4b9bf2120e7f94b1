/**
 * Which subgraphs a graph holds: those under one of its themes (none listed: every theme). Every
 * place that composes a graph or lists its members asks here, so that what is composed, what the
 * directory shows and what a publish checks are the same set.
 */
import type { Executor } from '../../drizzle/database.ts';
import type { Graph } from '../../drizzle/schema/index.ts';
import { SubgraphRepository } from '../repositories/SubgraphRepository.ts';
import type { SubgraphMember } from '../repositories/SubgraphRepository.ts';

/** Whether a subgraph of `themeSlug` belongs to `graph`. */
export function graphIncludesTheme(graph: Pick<Graph, 'themeSlugs'>, themeSlug: string): boolean {
  return graph.themeSlugs.length === 0 || graph.themeSlugs.includes(themeSlug);
}

/** The graph's published subgraphs with their newest versions, ordered by name. */
export function graphMembers(db: Executor, graph: Pick<Graph, 'themeSlugs'>): Promise<SubgraphMember[]> {
  return new SubgraphRepository(db, { agencyId: null }).listMembers(
    graph.themeSlugs.length === 0 ? null : graph.themeSlugs,
  );
}
