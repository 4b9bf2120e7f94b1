/**
 * Schema limits: what one subgraph SDL may contain, checked before federation validation and
 * composition, whose cost grows with the schema's size and whose recursion grows with its nesting.
 * A schema of 20,000 fields kept composition busy for minutes, and a list type nested 5,000 deep
 * overflowed the parser's stack (HTTP 500). Both are refused here in milliseconds:
 *
 * 1. One pass of graphql-js's lexer (iterative) counts tokens and the nesting of brackets
 *    (`[`, `{`, `(`), so the recursive parser never sees a document deeper than it can handle.
 * 2. `parse` with `maxTokens`, then one walk of the document counts types, fields, directives and the
 *    wrapping of each type (`[[String!]!]!` is 5 wrappers).
 */
import { GraphQLError, Kind, Lexer, Source, TokenKind, parse } from 'graphql';
import type { DocumentNode, TypeNode } from 'graphql';
import { ErrorCode, fail, ok } from '../../lib/errors.ts';
import type { Result } from '../../lib/errors.ts';
import type { SchemaLimits } from '../../lib/config.ts';

export { DEFAULT_SCHEMA_LIMITS } from '../../lib/config.ts';
export type { SchemaLimits } from '../../lib/config.ts';

/** Bracket nesting the parser may see: far above any real SDL, far below the stack's limit. */
const MAX_BRACKET_DEPTH = 64;

export type SchemaLimitName = keyof SchemaLimits | 'maxBracketDepth';

export interface SchemaLimitDetails {
  limit: SchemaLimitName;
  max: number;
  /** What was counted before the check stopped (at least `max + 1`). */
  actual: number;
}

const what: Record<SchemaLimitName, { id: string; en: string }> = {
  maxTokens: { id: 'token', en: 'tokens' },
  maxTypes: { id: 'tipe', en: 'types' },
  maxFields: { id: 'field', en: 'fields' },
  maxTypeNesting: { id: 'lapisan pembungkus tipe (list/non-null)', en: 'type wrappers (list/non-null)' },
  maxDirectivesPerElement: { id: 'direktif pada satu elemen', en: 'directives on one element' },
  maxDirectives: { id: 'direktif', en: 'directives' },
  maxBracketDepth: { id: 'tingkat kurung bersarang', en: 'levels of nested brackets' },
};

function exceeded<T>(limit: SchemaLimitName, max: number, actual: number): Result<T> {
  const details: SchemaLimitDetails = { limit, max, actual };
  return fail(
    ErrorCode.SCHEMA_LIMIT_EXCEEDED,
    {
      id: `Skema melampaui batas ${limit}: paling banyak ${max} ${what[limit].id}, skema ini memuat ${actual} atau lebih. Pecah subgraph atau sederhanakan skemanya.`,
      en: `Schema exceeds the ${limit} limit: at most ${max} ${what[limit].en}, this schema has ${actual} or more. Split the subgraph or simplify the schema.`,
    },
    details,
  );
}

/**
 * Parses `sdl` within the limits. A syntax error is thrown as graphql-js's `GraphQLError` (the caller
 * reports its position); a limit is a `SCHEMA_LIMIT_EXCEEDED` result.
 */
export function parseWithinLimits(sdl: string, limits: SchemaLimits): Result<DocumentNode> {
  const scanned = scanTokens(sdl, limits.maxTokens);
  if (!scanned.ok) return scanned;
  let document: DocumentNode;
  try {
    document = parse(sdl, { maxTokens: limits.maxTokens });
  } catch (error) {
    // The bracket scan keeps the parser's recursion shallow; this is the last guard, never a 500.
    if (error instanceof RangeError) return exceeded('maxBracketDepth', MAX_BRACKET_DEPTH, MAX_BRACKET_DEPTH + 1);
    throw error;
  }
  const counted = countElements(document, limits);
  if (!counted.ok) return counted;
  return ok(document);
}

/** The lexer is a loop, not a recursion: safe on any input. Syntax errors are left to `parse`. */
function scanTokens(sdl: string, maxTokens: number): Result<void> {
  const lexer = new Lexer(new Source(sdl));
  let tokens = 0;
  let depth = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      tokens += 1;
      if (tokens > maxTokens) return exceeded('maxTokens', maxTokens, tokens);
      if (token.kind === TokenKind.BRACKET_L || token.kind === TokenKind.BRACE_L || token.kind === TokenKind.PAREN_L) {
        depth += 1;
        if (depth > MAX_BRACKET_DEPTH) return exceeded('maxBracketDepth', MAX_BRACKET_DEPTH, depth);
      } else if (token.kind === TokenKind.BRACKET_R || token.kind === TokenKind.BRACE_R || token.kind === TokenKind.PAREN_R) {
        depth = Math.max(0, depth - 1);
      }
    }
  } catch (error) {
    if (error instanceof GraphQLError) return ok(undefined);
    throw error;
  }
  return ok(undefined);
}

const TYPE_KINDS: ReadonlySet<string> = new Set([
  Kind.OBJECT_TYPE_DEFINITION,
  Kind.OBJECT_TYPE_EXTENSION,
  Kind.INTERFACE_TYPE_DEFINITION,
  Kind.INTERFACE_TYPE_EXTENSION,
  Kind.INPUT_OBJECT_TYPE_DEFINITION,
  Kind.INPUT_OBJECT_TYPE_EXTENSION,
  Kind.ENUM_TYPE_DEFINITION,
  Kind.ENUM_TYPE_EXTENSION,
  Kind.UNION_TYPE_DEFINITION,
  Kind.UNION_TYPE_EXTENSION,
  Kind.SCALAR_TYPE_DEFINITION,
  Kind.SCALAR_TYPE_EXTENSION,
]);

interface Element {
  directives?: readonly unknown[];
  fields?: readonly Element[];
  values?: readonly Element[];
  arguments?: readonly Element[];
  type?: TypeNode;
}

/** Counts with explicit loops over the document's fixed shape (definitions → fields → arguments). */
function countElements(document: DocumentNode, limits: SchemaLimits): Result<void> {
  let types = 0;
  let fields = 0;
  let directives = 0;
  const visitElement = (element: Element): Result<void> => {
    const count = element.directives?.length ?? 0;
    if (count > limits.maxDirectivesPerElement) return exceeded('maxDirectivesPerElement', limits.maxDirectivesPerElement, count);
    directives += count;
    if (directives > limits.maxDirectives) return exceeded('maxDirectives', limits.maxDirectives, directives);
    if (element.type) {
      const wrappers = wrappersOf(element.type);
      if (wrappers > limits.maxTypeNesting) return exceeded('maxTypeNesting', limits.maxTypeNesting, wrappers);
    }
    return ok(undefined);
  };
  for (const definition of document.definitions) {
    const element = definition as unknown as Element;
    if (TYPE_KINDS.has(definition.kind)) {
      types += 1;
      if (types > limits.maxTypes) return exceeded('maxTypes', limits.maxTypes, types);
    }
    const checked = visitElement(element);
    if (!checked.ok) return checked;
    for (const child of [...(element.fields ?? []), ...(element.values ?? [])]) {
      fields += 1;
      if (fields > limits.maxFields) return exceeded('maxFields', limits.maxFields, fields);
      const field = visitElement(child);
      if (!field.ok) return field;
      for (const argument of child.arguments ?? []) {
        const arg = visitElement(argument);
        if (!arg.ok) return arg;
      }
    }
    // Directive definitions' arguments also carry types.
    for (const argument of element.arguments ?? []) {
      const arg = visitElement(argument);
      if (!arg.ok) return arg;
    }
  }
  return ok(undefined);
}

/** List and non-null wrappers around a named type, counted in a loop. */
function wrappersOf(type: TypeNode): number {
  let wrappers = 0;
  let current: TypeNode = type;
  while (current.kind !== Kind.NAMED_TYPE) {
    wrappers += 1;
    current = current.type;
  }
  return wrappers;
}
