/**
 * Which subgraphs a graph holds: those under one of its themes (none listed: every theme), minus
 * the themes it excludes, and never a retired subgraph. Every place that composes a graph or lists
 * its members asks here, so that what is composed, what the directory shows and what a publish
 * checks are the same set (GraphRepository.listContainingTheme says the same in SQL).
 */
import type { Executor } from '../../drizzle/database.ts';
import type { Graph } from '../../drizzle/schema/index.ts';
import { SubgraphRepository } from '../repositories/SubgraphRepository.ts';
import type { SubgraphMember } from '../repositories/SubgraphRepository.ts';

export type GraphThemes = Pick<Graph, 'themeSlugs' | 'excludedThemeSlugs'>;

/** Whether a subgraph of `themeSlug` belongs to `graph`. */
export function graphIncludesTheme(graph: GraphThemes, themeSlug: string): boolean {
  return (
    (graph.themeSlugs.length === 0 || graph.themeSlugs.includes(themeSlug)) &&
    !graph.excludedThemeSlugs.includes(themeSlug)
  );
}

/** The graph's published, unretired subgraphs with their newest versions, ordered by name. */
export async function graphMembers(db: Executor, graph: GraphThemes): Promise<SubgraphMember[]> {
  const members = await new SubgraphRepository(db, { agencyId: null }).listMembers(
    graph.themeSlugs.length === 0 ? null : graph.themeSlugs,
  );
  return members.filter((member) => graphIncludesTheme(graph, member.themeSlug));
}
