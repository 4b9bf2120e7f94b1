/**
 * What the access log keeps of an operation document: the document with its literal values
 * normalized out, and those values kept beside the variables, masked by the same rules.
 *
 * A client may write a NIK in the query text (`penduduk(nik: "3501…")`) instead of in a variable.
 * Stored as sent, the document would be a copy of that NIK in clear, and an evaluator's search by
 * value (which looks for lookup hashes) would miss the access. So, as Apollo's usage reporting does
 * for its operation signature, literals are replaced by placeholders before the document is hashed
 * and stored (`stripSensitiveLiterals` of `@apollo/utils.stripsensitiveliterals`: strings → "",
 * numbers → 0, lists and input objects emptied; enum values and booleans are schema words and stay).
 * Two requests that differ only in their literals then share one stored document, and no literal
 * reaches the database through it.
 *
 * The values themselves are masked like variables (lib/ledger/mask.ts): each argument's value as if
 * it were a variable named after the argument, so `nik`, NIK/NIP-shaped values, `*token*` and the
 * operator's own rules apply, with lookup hashes for what is masked. They are recorded in the
 * record's variables under `LITERALS_KEY`, one entry per argument (or variable default) in document
 * order: `{ at, value }`, where `at` names the place, e.g. `pemilik:penduduk.izinUsaha(nomor)` (the
 * response path, an alias as `alias:field`), `...Profil.penduduk(nik)` inside fragment `Profil`,
 * `penduduk@include(if)` for a directive, `$nik` for a variable's default value.
 *
 * Names can carry digits too (an alias `p3501…`, an operation named after a NIK): a NIK- or
 * NIP-shaped run of digits inside any name is masked in the stored document (with `_`, the only
 * filler a GraphQL name allows) and looked up. Comments are not kept (the document is printed
 * from its syntax tree). A source that does not parse is not stored at all: only the lookup hashes
 * of the identifiers found in its text are kept.
 */
import { createHash } from 'node:crypto';
import { stripSensitiveLiterals } from '@apollo/utils.stripsensitiveliterals';
import { Kind, print, visit, type DocumentNode, type NameNode, type ValueNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { MAX_MASK_DEPTH, TOO_DEEP_MARKER, maskEmbeddedIdentifiers, maskIdentifier, maskVariables, type MaskOptions } from '../ledger/mask.ts';

/**
 * The key of the literal values in a record's variables. A variable's name is a GraphQL name, so no
 * declared variable can be called this; an undeclared one a client sends under this key is not kept.
 */
export const LITERALS_KEY = '@literal';

/** One literal argument value (or variable default), masked. */
export interface LiteralValue {
  at: string;
  value: unknown;
}

export interface NormalizedOperation {
  /** The document as stored: literals as placeholders, identifiers in names masked. Null when the source does not parse. */
  document: string | null;
  /** Hex SHA-256 of `document` (the record's operation hash); null with it. */
  hash: string | null;
  /** The literal values, masked as variables are, in document order. */
  literals: LiteralValue[];
  /** Lookup hashes of what was masked (literals, identifiers in names or in unparsable text), sorted. */
  lookups: string[];
}

/** Results per document source hash: work that depends only on the document is done once (STYLE.md 15). */
export type NormalizedOperationCache = LRUCache<string, NormalizedOperation>;

export function createNormalizedOperationCache(max = 2_000): NormalizedOperationCache {
  return new LRUCache<string, NormalizedOperation>({ max });
}

/** In a name, the mask's `*` becomes `_`: the stored document must still be GraphQL. */
const inName = (digits: string): string => maskIdentifier(digits).replace(/\*/g, '_');

/**
 * `text` (an operation name, a request id) with identifiers masked; their lookup hashes go to
 * `lookups`. `as: 'name'` masks as inside the stored document (`_`), so an operation name reads the
 * same in the record and in its document.
 */
export function maskIdentifiersInText(text: string, mask: MaskOptions, lookups: Set<string>, as: 'text' | 'name' = 'text'): string {
  return maskEmbeddedIdentifiers(text, mask.secret, lookups, as === 'name' ? inName : maskIdentifier);
}

/**
 * The stored form of `source`. `parsed` is the document the gateway parsed from it; without it (the
 * source did not parse, or was refused before parsing) nothing of the source is stored.
 * The source is never parsed here: a document refused for its size must not be parsed by the log.
 */
export function normalizeOperation(source: string, parsed: DocumentNode | undefined, mask: MaskOptions): NormalizedOperation {
  const lookups = new Set<string>();
  if (!parsed) {
    maskEmbeddedIdentifiers(source, mask.secret, lookups);
    return { document: null, hash: null, literals: [], lookups: [...lookups].sort() };
  }
  const literals: LiteralValue[] = [];
  const path: string[] = [];
  // Inside an argument or default value already recorded whole: its leaves are not recorded again.
  let recording = 0;
  const name = (node: NameNode): string => maskEmbeddedIdentifiers(node.value, mask.secret, lookups, inName);
  // `a:penduduk.izinUsaha@include(if)`: fields joined by dots, a directive or an argument appended.
  const at = (): string => path.reduce((text, part) => (text === '' || part[0] === '@' || part[0] === '(' ? text + part : `${text}.${part}`), '');
  const record = (place: string, key: string, value: ValueNode): void => {
    const masked = maskVariables({ [key]: valueOf(value, 0) }, mask);
    for (const lookup of masked.lookups) lookups.add(lookup);
    // A `drop` rule leaves the value out, and its entry with it.
    if (Object.prototype.hasOwnProperty.call(masked.variables, key)) literals.push({ at: place, value: masked.variables[key] });
  };
  const leaf = (node: ValueNode): void => {
    if (recording === 0) record(at() || '(literal)', 'literal', node);
  };

  const named = visit(parsed, {
    Name(node) {
      const value = name(node);
      return value === node.value ? undefined : { ...node, value };
    },
    OperationDefinition: {
      enter() {
        path.length = 0;
      },
    },
    FragmentDefinition: {
      enter(node) {
        path.length = 0;
        path.push(`...${name(node.name)}`);
      },
    },
    Field: {
      enter(node) {
        path.push(node.alias ? `${name(node.alias)}:${name(node.name)}` : name(node.name));
      },
      leave() {
        path.pop();
      },
    },
    Directive: {
      enter(node) {
        path.push(`@${name(node.name)}`);
      },
      leave() {
        path.pop();
      },
    },
    Argument: {
      enter(node) {
        if (!isLiteral(node.value)) return;
        path.push(`(${name(node.name)})`);
        record(at(), node.name.value, node.value);
        path.pop();
        recording += 1;
      },
      leave(node) {
        if (isLiteral(node.value)) recording -= 1;
      },
    },
    VariableDefinition: {
      enter(node) {
        if (!node.defaultValue || !isLiteral(node.defaultValue)) return;
        record(`$${name(node.variable.name)}`, node.variable.name.value, node.defaultValue);
        recording += 1;
      },
      leave(node) {
        if (node.defaultValue && isLiteral(node.defaultValue)) recording -= 1;
      },
    },
    // Literals outside arguments and defaults: only in type-system definitions, which a valid
    // operation never holds but a hostile document may.
    StringValue: leaf,
    IntValue: leaf,
    FloatValue: leaf,
  });

  const document = print(stripSensitiveLiterals(named, { hideListAndObjectLiterals: true }));
  return {
    document,
    hash: createHash('sha256').update(document).digest('hex'),
    literals,
    lookups: [...lookups].sort(),
  };
}

/** `normalizeOperation` through `cache`, keyed by the hash of the source (Apollo's `queryHash`). */
export function normalizedOperationOf(
  operation: { hash: string | null; document: string; parsed?: DocumentNode | undefined },
  mask: MaskOptions,
  cache: NormalizedOperationCache | undefined,
): NormalizedOperation {
  // A parsed and an unparsed source of one hash are told apart: the gateway may hand either.
  const key = operation.hash === null ? undefined : `${operation.parsed ? 'p' : 'u'}:${operation.hash}`;
  const cached = key === undefined ? undefined : cache?.get(key);
  if (cached) return cached;
  const normalized = normalizeOperation(operation.document, operation.parsed, mask);
  if (key !== undefined) cache?.set(key, normalized);
  return normalized;
}

/** Whether a value holds something the stored document replaces (a variable, enum, boolean or null does not). */
function isLiteral(value: ValueNode): boolean {
  return value.kind !== Kind.VARIABLE && value.kind !== Kind.ENUM && value.kind !== Kind.BOOLEAN && value.kind !== Kind.NULL;
}

/** A literal as the JSON value a variable would carry; a variable inside it as `$name`. Bounded in depth. */
function valueOf(node: ValueNode, depth: number): unknown {
  if (depth > MAX_MASK_DEPTH) return TOO_DEEP_MARKER;
  switch (node.kind) {
    case Kind.STRING:
    case Kind.ENUM:
      return node.value;
    case Kind.INT: {
      // A NIP (18 digits) is past the safe integers: kept as its digits, so it masks and looks up as written.
      const number = Number(node.value);
      return Number.isSafeInteger(number) ? number : node.value;
    }
    case Kind.FLOAT: {
      const number = Number(node.value);
      return Number.isFinite(number) && String(number) === node.value ? number : node.value;
    }
    case Kind.BOOLEAN:
      return node.value;
    case Kind.NULL:
      return null;
    case Kind.VARIABLE:
      return `$${node.name.value}`;
    case Kind.LIST:
      return node.values.map((value) => valueOf(value, depth + 1));
    case Kind.OBJECT:
      // fromEntries defines own properties: a field named "__proto__" stays a key.
      return Object.fromEntries(node.fields.map((field) => [field.name.value, valueOf(field.value, depth + 1)]));
  }
}
