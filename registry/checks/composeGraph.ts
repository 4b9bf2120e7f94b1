/**
 * Composition of one graph (a set of subgraphs chosen by theme) into the supergraph its gateway
 * serves, through @apollo/composition's public `composeServices`. This is the only place the
 * registry calls the composition engine (Elastic License 2.0, see DESIGN.md): the result is plain
 * strings and issues, so another engine could stand behind this function.
 *
 * Composition is CPU-bound and synchronous (~2 s for 50 subgraphs): the registry does it once per
 * publish, never the gateway.
 */
import { composeServices } from '@apollo/composition';
import { GraphQLError, parse, printSchema } from 'graphql';
import type { DocumentNode } from 'graphql';
import { issuesOf, positionsOf } from './federation.ts';
import type { FederationIssue, SubgraphInput } from './types.ts';

export interface CompositionHintInfo {
  message: string;
  code: string;
  /** The schema coordinate the hint is about, when the engine says. */
  coordinate?: string;
}

export type CompositionOutcome =
  | {
      ok: true;
      /** The supergraph SDL (with `@join__*`), what the gateway loads. */
      supergraphSdl: string;
      /** The client-facing schema: `@inaccessible` elements and federation machinery removed. */
      apiSchemaSdl: string;
      hints: CompositionHintInfo[];
    }
  | { ok: false; errors: FederationIssue[] };

export function composeGraph(subgraphs: readonly SubgraphInput[]): CompositionOutcome {
  if (subgraphs.length === 0) {
    return {
      ok: false,
      errors: [{ message: 'A graph needs at least one subgraph to compose', code: 'NO_SUBGRAPHS' }],
    };
  }
  const errors: FederationIssue[] = [];
  const seen = new Set<string>();
  const services: { name: string; url: string; typeDefs: DocumentNode }[] = [];
  for (const subgraph of subgraphs) {
    if (seen.has(subgraph.name)) {
      errors.push({
        message: `[${subgraph.name}] Subgraph name used more than once in this graph`,
        code: 'DUPLICATE_SUBGRAPH_NAME',
      });
      continue;
    }
    seen.add(subgraph.name);
    try {
      services.push({ name: subgraph.name, url: subgraph.url, typeDefs: parse(subgraph.sdl) });
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      const issue: FederationIssue = {
        message: `[${subgraph.name}] ${error.message}`,
        code: 'INVALID_GRAPHQL',
      };
      const locations = positionsOf(error);
      if (locations.length > 0) issue.locations = locations;
      errors.push(issue);
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const result = composeServices(services);
  if (result.errors) return { ok: false, errors: result.errors.flatMap(issuesOf) };
  return {
    ok: true,
    supergraphSdl: result.supergraphSdl,
    apiSchemaSdl: printSchema(result.schema.toAPISchema().toGraphQLJSSchema()),
    hints: result.hints.map((hint) => {
      const info: CompositionHintInfo = { message: hint.message, code: hint.definition.code };
      if (hint.coordinate) info.coordinate = hint.coordinate;
      return info;
    }),
  };
}
