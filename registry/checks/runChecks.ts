/**
 * The whole check of one publish, before anything is stored: validate the new SDL, compose every
 * graph the subgraph belongs to with it, diff it against the previous version, and refuse breaking
 * changes to fields that requesters hold grants for or have recently called.
 *
 * `passed` is false when the SDL is invalid, when any graph fails to compose, or when a breaking
 * change touches a protected field. Other breaking changes are reported but pass (access is
 * deny-by-default, so they break no requester — see `protectedFields.ts`), unless `failOnBreaking`.
 */
import { buildSchema } from 'graphql';
import type { SchemaLimits } from '../../lib/config.ts';
import { grantableCoordinatesOf } from '../../lib/federation/coordinates.ts';
import type { Message } from '../../lib/errors.ts';
import { composeGraph } from './composeGraph.ts';
import type { CompositionOutcome } from './composeGraph.ts';
import { diffSchemas } from './diffSchemas.ts';
import type { SchemaChange } from './diffSchemas.ts';
import { PLACEHOLDER_URL } from './federation.ts';
import { checkProtectedFields } from './protectedFields.ts';
import type { ProtectedFieldViolation, ProtectionSources } from './protectedFields.ts';
import type { SubgraphInput } from './types.ts';
import { validateSubgraphSdl } from './validateSubgraphSdl.ts';

/** Default SDL size limit when the caller gives none: 1 MiB is far above any agency's schema. */
export const DEFAULT_MAX_SDL_BYTES = 1024 * 1024;

export interface RunChecksInput {
  subgraphName: string;
  /**
   * Where the gateway reaches the subgraph; written into the supergraphs. When omitted, the URL of the
   * same-named entry in `otherSubgraphsByGraph` (the stored version) is kept.
   */
  routingUrl?: string;
  newSdl: string;
  /** The currently stored SDL, null for a first publish. */
  previousSdl: string | null;
  /**
   * For every graph the subgraph belongs to, the other subgraphs of that graph. A stale entry with
   * the subgraph's own name is replaced by the new SDL.
   */
  otherSubgraphsByGraph: ReadonlyMap<string, readonly SubgraphInput[]>;
  protection: ProtectionSources;
  /** Largest accepted SDL in bytes (default `DEFAULT_MAX_SDL_BYTES`). */
  maxBytes?: number;
  /** Schema limits (default `DEFAULT_SCHEMA_LIMITS`). */
  limits?: SchemaLimits;
  /** Fail on any breaking change, protected or not (default false). */
  failOnBreaking?: boolean;
  /**
   * How a graph is composed: the registry passes its composer (a worker thread with a time budget,
   * composer.ts); without it, `composeGraph` runs in this thread.
   */
  compose?: (subgraphs: readonly SubgraphInput[]) => Promise<CompositionOutcome> | CompositionOutcome;
}

export interface CheckReport {
  passed: boolean;
  subgraphName: string;
  /** The validation failure, or null when the SDL is a valid subgraph. */
  validationError: { code: string; message: string; messageEn: string; details?: unknown } | null;
  /** Per graph name. Empty when validation failed. */
  composition: Record<string, CompositionOutcome>;
  changes: SchemaChange[];
  breaking: boolean;
  protectedViolations: ProtectedFieldViolation[];
  summary: Message;
}

export async function runChecks(input: RunChecksInput): Promise<CheckReport> {
  const validation = validateSubgraphSdl(input.newSdl, {
    maxBytes: input.maxBytes ?? DEFAULT_MAX_SDL_BYTES,
    name: input.subgraphName,
    ...(input.limits ? { limits: input.limits } : {}),
  });
  if (!validation.ok) {
    return {
      passed: false,
      subgraphName: input.subgraphName,
      validationError: validation.error.toJSON(),
      composition: {},
      changes: [],
      breaking: false,
      protectedViolations: [],
      summary: {
        id: `Pemeriksaan gagal: ${validation.error.message}`,
        en: `Check failed: ${validation.error.messageEn}`,
      },
    };
  }

  const compose = input.compose ?? composeGraph;
  const composition: Record<string, CompositionOutcome> = {};
  for (const [graph, others] of input.otherSubgraphsByGraph) {
    const stored = others.find((subgraph) => subgraph.name === input.subgraphName);
    const url = input.routingUrl ?? stored?.url ?? PLACEHOLDER_URL;
    const subgraphs = [
      ...others.filter((subgraph) => subgraph.name !== input.subgraphName),
      { name: input.subgraphName, url, sdl: input.newSdl },
    ];
    composition[graph] = await compose(subgraphs);
  }

  const changes = await diffSchemas(input.previousSdl, input.newSdl);
  const protectedViolations = await checkProtectedFields(
    withGrantableCoordinates(changes, composition),
    input.protection,
  );
  const breaking = changes.some((change) => change.criticality === 'BREAKING');
  const failedGraphs = Object.entries(composition)
    .filter(([, outcome]) => !outcome.ok)
    .map(([graph]) => graph);
  const passed =
    failedGraphs.length === 0 &&
    protectedViolations.length === 0 &&
    !(input.failOnBreaking === true && breaking);

  return {
    passed,
    subgraphName: input.subgraphName,
    validationError: null,
    composition,
    changes,
    breaking,
    protectedViolations,
    summary: summarize(
      passed,
      failedGraphs,
      protectedViolations,
      changes,
      input.failOnBreaking === true && breaking,
    ),
  };
}

/**
 * Grants name object-type fields of the graph (`lib/federation/coordinates.ts`): a change to a field
 * of an interface, or of an `@interfaceObject` (an object here, an interface in the graph), touches
 * the same field of every implementation, as the graphs composed with the change show them.
 */
function withGrantableCoordinates(
  changes: readonly SchemaChange[],
  composition: Readonly<Record<string, CompositionOutcome>>,
): SchemaChange[] {
  if (!changes.some((change) => change.criticality === 'BREAKING')) return [...changes];
  const schemas = Object.values(composition).flatMap((outcome) =>
    outcome.ok ? [buildSchema(outcome.apiSchemaSdl, { assumeValidSDL: true })] : [],
  );
  return changes.map((change) => {
    const expanded = new Set(change.affectedCoordinates);
    for (const coordinate of change.affectedCoordinates) {
      for (const schema of schemas) for (const grantable of grantableCoordinatesOf(schema, coordinate)) expanded.add(grantable);
    }
    return { ...change, affectedCoordinates: [...expanded].sort() };
  });
}

function summarize(
  passed: boolean,
  failedGraphs: readonly string[],
  violations: readonly ProtectedFieldViolation[],
  changes: readonly SchemaChange[],
  breakingRefused: boolean,
): Message {
  const breakingCount = changes.filter((change) => change.criticality === 'BREAKING').length;
  const id: string[] = [];
  const en: string[] = [];
  if (failedGraphs.length > 0) {
    id.push(`komposisi gagal pada graf ${failedGraphs.join(', ')}`);
    en.push(`composition failed for graph(s) ${failedGraphs.join(', ')}`);
  }
  if (violations.length > 0) {
    const requesters = [...new Set(violations.flatMap((violation) => violation.requesters))].join(', ');
    id.push(`${violations.length} perubahan memutus field yang dilindungi (berdampak pada ${requesters})`);
    en.push(`${violations.length} breaking change(s) to protected fields (affecting ${requesters})`);
  }
  if (breakingRefused) {
    id.push(`${breakingCount} perubahan memutus kompatibilitas`);
    en.push(`${breakingCount} breaking change(s)`);
  }
  if (!passed) return { id: `Pemeriksaan gagal: ${id.join('; ')}.`, en: `Check failed: ${en.join('; ')}.` };
  return {
    id: `Pemeriksaan lulus: ${changes.length} perubahan, ${breakingCount} memutus kompatibilitas tanpa berdampak pada pemohon.`,
    en: `Check passed: ${changes.length} change(s), ${breakingCount} breaking without affecting any requester.`,
  };
}
