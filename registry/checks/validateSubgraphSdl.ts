/**
 * The first gate of a publish: is this text a subgraph schema we can store? Four refusals, cheapest
 * first: too large (PAYLOAD_TOO_LARGE), over a schema limit (SCHEMA_LIMIT_EXCEEDED: tokens, types,
 * fields, nesting, directives; see schemaLimits.ts), not GraphQL (BAD_REQUEST, with line and column),
 * not a valid federation subgraph or breaking Penghubung's own tagging rules (VALIDATION_FAILED, with
 * every issue). Expected outcomes, so a `Result`, never an exception.
 */
import { GraphQLError, Kind, visit } from 'graphql';
import type { DirectiveNode, DocumentNode } from 'graphql';
import { ErrorCode, fail, ok } from '../../lib/errors.ts';
import type { Result } from '../../lib/errors.ts';
import { loadSubgraph, positionsOf } from './federation.ts';
import { CLASSIFICATION_TAG_PREFIX, CLASSIFICATIONS } from './metadata.ts';
import { DEFAULT_SCHEMA_LIMITS, parseWithinLimits } from './schemaLimits.ts';
import type { SchemaLimits } from './schemaLimits.ts';
import type { FederationIssue, SourcePosition } from './types.ts';

export interface ValidateSubgraphOptions {
  /** Largest accepted SDL, in UTF-8 bytes. */
  maxBytes: number;
  /** Counts the SDL may reach before it is validated or composed (default `DEFAULT_SCHEMA_LIMITS`). */
  limits?: SchemaLimits;
  /** The subgraph's name, used to prefix engine messages (`[kependudukan] ...`). */
  name?: string;
}

export interface ValidatedSubgraph {
  sdl: string;
  bytes: number;
  /** False for a Federation 1 subgraph (no `@link`), which composition upgrades automatically. */
  fed2: boolean;
}

/** Details of a BAD_REQUEST for unparseable SDL. */
export interface SyntaxErrorDetails {
  message: string;
  line: number | null;
  column: number | null;
}

/** Details of a VALIDATION_FAILED. */
export interface ValidationFailureDetails {
  errors: FederationIssue[];
}

export function validateSubgraphSdl(
  sdl: string,
  options: ValidateSubgraphOptions,
): Result<ValidatedSubgraph> {
  const bytes = Buffer.byteLength(sdl, 'utf8');
  if (bytes > options.maxBytes) {
    return fail(
      ErrorCode.PAYLOAD_TOO_LARGE,
      {
        id: `Skema terlalu besar: ${bytes} byte, batasnya ${options.maxBytes} byte.`,
        en: `Schema too large: ${bytes} bytes, the limit is ${options.maxBytes} bytes.`,
      },
      { bytes, maxBytes: options.maxBytes },
    );
  }

  let document: DocumentNode;
  try {
    const parsed = parseWithinLimits(sdl, options.limits ?? DEFAULT_SCHEMA_LIMITS);
    if (!parsed.ok) return parsed;
    document = parsed.value;
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const [position] = positionsOf(error);
    const where = position ? ` (baris ${position.line}, kolom ${position.column})` : '';
    const whereEn = position ? ` (line ${position.line}, column ${position.column})` : '';
    const details: SyntaxErrorDetails = {
      message: error.message,
      line: position?.line ?? null,
      column: position?.column ?? null,
    };
    return fail(
      ErrorCode.BAD_REQUEST,
      {
        id: `Skema tidak dapat diurai${where}: ${error.message}`,
        en: `Schema could not be parsed${whereEn}: ${error.message}`,
      },
      details,
    );
  }

  const loaded = loadSubgraph(sdl, options.name);
  const issues = loaded.ok ? classificationTagIssues(document, loaded.value.names.tag) : loaded.issues;
  if (!loaded.ok || issues.length > 0) {
    const details: ValidationFailureDetails = { errors: issues };
    return fail(
      ErrorCode.VALIDATION_FAILED,
      {
        id: `Skema bukan subgraph federasi yang sah (${issues.length} kesalahan): ${issues[0]?.message ?? ''}`,
        en: `Schema is not a valid federation subgraph (${issues.length} error(s)): ${issues[0]?.message ?? ''}`,
      },
      details,
    );
  }
  return ok({ sdl, bytes, fed2: loaded.value.fed2 });
}

/**
 * Penghubung's own rule: a `klasifikasi:` tag must name a known level, otherwise a typo
 * (`klasifikasi:rahsia`) would silently fall back to the default classification.
 */
function classificationTagIssues(document: DocumentNode, tagName: string): FederationIssue[] {
  const issues: FederationIssue[] = [];
  visit(document, {
    Directive(node: DirectiveNode) {
      if (node.name.value !== tagName) return;
      const argument = node.arguments?.find((a) => a.name.value === 'name');
      if (argument?.value.kind !== Kind.STRING) return;
      const tag = argument.value.value;
      if (!tag.startsWith(CLASSIFICATION_TAG_PREFIX)) return;
      const level = tag.slice(CLASSIFICATION_TAG_PREFIX.length);
      if ((CLASSIFICATIONS as readonly string[]).includes(level)) return;
      const issue: FederationIssue = {
        message: `Unknown classification "${level}" in @${tagName}(name: "${tag}"); use one of ${CLASSIFICATIONS.join(', ')}`,
        code: 'UNKNOWN_CLASSIFICATION',
      };
      const locations: SourcePosition[] = node.loc
        ? [{ line: node.loc.startToken.line, column: node.loc.startToken.column }]
        : [];
      if (locations.length > 0) issue.locations = locations;
      issues.push(issue);
    },
  });
  return issues;
}
