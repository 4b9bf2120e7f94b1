/**
 * Shapes shared by the registry's schema checks. They carry only plain data (strings, numbers,
 * graphql-js source locations): no federation-engine type leaks out of `registry/checks/`, so the
 * engine behind `federation.ts` and `composeGraph.ts` could be replaced without touching callers.
 */

/** One subgraph as stored in the registry: its name, the URL the gateway routes to, its SDL. */
export interface SubgraphInput {
  name: string;
  url: string;
  sdl: string;
}

export interface SourcePosition {
  line: number;
  column: number;
}

/**
 * A problem reported by the federation engine (subgraph validation or composition). `message` is the
 * engine's English text, prefixed with the subgraph name in brackets; `code` is the engine's code
 * (e.g. `KEY_INVALID_FIELDS`, `FIELD_TYPE_MISMATCH`, `INVALID_GRAPHQL`).
 */
export interface FederationIssue {
  message: string;
  code: string;
  locations?: SourcePosition[];
}

export type Criticality = 'BREAKING' | 'DANGEROUS' | 'SAFE';

export type Classification = 'publik' | 'terbatas' | 'rahasia';
