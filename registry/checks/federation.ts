/**
 * The thin adapter over the federation engine's subgraph model (@apollo/federation-internals, the
 * library @apollo/composition itself builds subgraphs with; same pinned version, single copy).
 *
 * Why `buildSubgraph` and not `@apollo/subgraph`'s `buildSubgraphSchema`: both run the same
 * validation, but `buildSubgraphSchema` names every subgraph `<unnamed>`, needs resolvers to make
 * sense, and only reports the causes on an aggregate error, while `buildSubgraph(...).validate()`
 * throws errors whose causes (`errorCauses`) each carry a code (`KEY_INVALID_FIELDS`, ...) and
 * locations. It also accepts Federation 1 SDL (no `@link`), which composition upgrades.
 *
 * Everything else in `registry/checks/` works on plain graphql-js documents produced here: the
 * subgraph printed with its type extensions merged, and the names under which the federation
 * directives and types appear in it (they can be renamed or namespaced by `@link(import:)`).
 */
import { GraphQLError, Kind, parse } from 'graphql';
import type { DocumentNode } from 'graphql';
import {
  buildSubgraph,
  defaultPrintOptions,
  errorCauses,
  printSchema as printFederationSchema,
} from '@apollo/federation-internals';
import type { FederationIssue, SourcePosition } from './types.ts';

/** Names of the federation directives and types as they appear in one subgraph's SDL. */
export interface FederationNames {
  key: string;
  tag: string;
  external: string;
  inaccessible: string;
  /** `_Any`, `_Service`, `_Entity`, the FieldSet scalar, the `link__*`/`federation__*` types. */
  federationTypes: ReadonlySet<string>;
}

export interface LoadedSubgraph {
  /** The subgraph as one document, type extensions merged into their types, federation definitions included. */
  document: DocumentNode;
  names: FederationNames;
  fed2: boolean;
}

export type LoadSubgraphResult =
  { ok: true; value: LoadedSubgraph } | { ok: false; issues: FederationIssue[] };

/** The URL given to the engine when the real one does not matter (validation, diff, metadata). */
export const PLACEHOLDER_URL = 'http://subgraph.invalid';

const ALWAYS_FEDERATION_TYPES = ['_Any', '_Service', '_Entity', '_FieldSet', 'FieldSet'];

/**
 * Builds and validates a subgraph. Federation errors (invalid GraphQL, invalid keys, unknown
 * directives, ...) come back as issues; any other exception is a bug and is rethrown.
 */
export function loadSubgraph(sdl: string, name = 'subgraph'): LoadSubgraphResult {
  let subgraph: ReturnType<typeof buildSubgraph>;
  try {
    subgraph = buildSubgraph(name, PLACEHOLDER_URL, sdl).validate();
  } catch (error) {
    if (error instanceof GraphQLError) return { ok: false, issues: issuesOf(error) };
    throw error;
  }
  const metadata = subgraph.metadata();
  const federationTypes = new Set<string>(ALWAYS_FEDERATION_TYPES);
  for (const type of metadata.allFederationTypes()) federationTypes.add(type.name);
  const printed = printFederationSchema(subgraph.schema, {
    ...defaultPrintOptions,
    mergeTypesAndExtensions: true,
  });
  const document = parse(printed, { noLocation: true });
  for (const definition of document.definitions) {
    if ('name' in definition && definition.name && isFederationNamespaced(definition.name.value)) {
      if (definition.kind !== Kind.DIRECTIVE_DEFINITION) federationTypes.add(definition.name.value);
    }
  }
  return {
    ok: true,
    value: {
      document,
      fed2: metadata.isFed2Schema(),
      names: {
        key: metadata.federationDirectiveNameInSchema('key'),
        tag: metadata.federationDirectiveNameInSchema('tag'),
        external: metadata.federationDirectiveNameInSchema('external'),
        inaccessible: metadata.federationDirectiveNameInSchema('inaccessible'),
        federationTypes,
      },
    },
  };
}

function isFederationNamespaced(name: string): boolean {
  return name.startsWith('link__') || name.startsWith('federation__');
}

/** Flattens an engine error into its causes (the engine aggregates several errors into one). */
export function issuesOf(error: GraphQLError): FederationIssue[] {
  const causes = errorCauses(error) ?? [error];
  return causes.map((cause) => {
    const code = cause.extensions?.['code'];
    const issue: FederationIssue = {
      message: cause.message,
      code: typeof code === 'string' ? code : 'INVALID_GRAPHQL',
    };
    const locations = positionsOf(cause);
    if (locations.length > 0) issue.locations = locations;
    return issue;
  });
}

export function positionsOf(error: GraphQLError): SourcePosition[] {
  return (error.locations ?? []).map(({ line, column }) => ({ line, column }));
}
