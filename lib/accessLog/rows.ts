/**
 * Building the row of one request: requester, graph, operation, masked variables and their lookup
 * HMACs, coordinates, subgraph calls, outcome, sizes. Text is made storable exactly as it is hashed
 * (`storable`), so what PostgreSQL keeps is what the hash covers; the canonical form comes from the
 * one encoder (lib/ledger/canonical.ts).
 */
import { createHash } from 'node:crypto';
import type { AccessOutcome } from '../../drizzle/schema/log.ts';
import { PenghubungError } from '../errors.ts';
import { canonicalShape, canonicalize, canonicalizePlain, maskVariables, type MaskRules } from '../ledger/index.ts';
import { LITERALS_KEY, maskIdentifiersInText, normalizedOperationOf, type NormalizedOperation, type NormalizedOperationCache } from './literals.ts';
import { accessLogCanonicalForm, type AccessEvent, type AccessSubgraphCall, type AccessLogEntry, type OperationDocument, type PreparedAccessLogRecord } from './record.ts';

/** The canonical form of a row built here, whose keys are exactly those `accessLogCanonicalForm` encodes. */
const encodeRow = canonicalShape<keyof AccessLogEntry>([
  'occurredAt',
  'requestId',
  'clientId',
  'credentialId',
  'graph',
  'operationName',
  'operationHash',
  'variables',
  'lookupHashes',
  'coordinates',
  'deniedCoordinates',
  'subgraphNames',
  'subgraphCalls',
  'outcome',
  'errorCode',
  'durationMs',
  'responseBytes',
  'clientAddress',
  'clientRequestId',
]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT32_MAX = 2_147_483_647;

/** The masking of a record; `operations` caches the normalized documents (lib/accessLog/literals.ts). */
type Mask = { secret: string | Uint8Array; rules?: MaskRules; operations?: NormalizedOperationCache };

/**
 * The row of one request, and its operation document if it carried one. Pure; exported for tests.
 * Outcome: `unauthenticated` when authentication refused the request; otherwise what the access-log
 * plugin found (gateway/accessLog/plugin.ts); when the request never reached GraphQL execution
 * (unknown graph, a malformed HTTP request) `error`, with the code of the error the response carries.
 */
export function buildAccessLogEntry(event: AccessEvent, mask: Mask): { entry: AccessLogEntry; document: OperationDocument | null } {
  const { entry, document } = buildRow(event, mask);
  return { entry, document };
}

/**
 * `buildAccessLogEntry`, with the row's canonical form. What the writer queues; exported for tests.
 */
export function prepareAccessLogRecord(event: AccessEvent, mask: Mask): PreparedAccessLogRecord {
  const row = buildRow(event, mask);
  // The row is plain JSON by construction (`storable`) but for its Date, and the JSON values' canonical
  // JSON is at hand: the encoder's fixed-shape fast path takes it; the reference is the fallback.
  const { entry } = row;
  const canonical =
    encodeRow(entry, {
      occurredAt: `"${entry.occurredAt.toISOString()}"`,
      variables: row.variablesJson,
      subgraphCalls: row.callsJson,
      // JSON.stringify of a string array is its canonical JSON.
      lookupHashes: row.lookupHashesJson,
      coordinates: row.coordinatesJson,
      deniedCoordinates: row.deniedCoordinatesJson,
      subgraphNames: row.subgraphNamesJson,
    }) ??
    accessLogCanonicalForm(entry);
  return {
    record: row.entry,
    canonical: flattened(canonical),
    document: row.document,
  };
}

/**
 * `text` in one piece. A string built by concatenation is a tree of its parts in V8 until something
 * reads it as a whole; a record waits in the queue for a flush, long enough for its trees to be
 * copied to the old generation, and collecting them then cost more than all the rest of the writer's
 * work (measured: 103 → 68 µs of CPU per record, bench/accessLog.bench.ts). Reading one character
 * makes V8 flatten the string in place. An optimization only: the value is the same either way.
 */
function flattened(text: string): string {
  text.charCodeAt(0);
  return text;
}

interface BuiltRow {
  entry: AccessLogEntry;
  document: OperationDocument | null;
  /** Canonical JSON of `entry.variables` and `entry.subgraphCalls`: also their jsonb text. */
  variablesJson: string;
  callsJson: string;
  /** JSON of the string arrays, which is also their canonical JSON. */
  lookupHashesJson: string;
  coordinatesJson: string;
  deniedCoordinatesJson: string;
  subgraphNamesJson: string;
}

function buildRow(event: AccessEvent, mask: Mask): BuiltRow {
  const context = event.context;
  const operation = context?.operation;
  const requester = context?.requester ?? null;
  if (requester) {
    assertUuid('clientId', requester.clientId);
    assertUuid('credentialId', requester.credentialId);
  }

  let outcome: AccessOutcome;
  let errorCode: string | null;
  if (event.authenticationError) {
    outcome = 'unauthenticated';
    errorCode = event.authenticationError.code;
  } else if (event.refusal) {
    // Refused before GraphQL (rate, variables): nothing was parsed or fetched, the variables are not kept.
    outcome = 'denied';
    errorCode = event.refusal.code;
  } else if (operation) {
    outcome = operation.outcome;
    errorCode = operation.errorCode;
  } else {
    outcome = 'error';
    errorCode = errorCodeOfBody(event.responseBody) ?? (event.statusCode >= 400 ? `HTTP_${event.statusCode}` : null);
  }

  // The document as stored: literals normalized out and masked beside the variables (literals.ts).
  const normalized: NormalizedOperation | null = operation?.document ? normalizedOperationOf({ ...operation, document: operation.document }, mask, mask.operations) : null;
  // Text a client chose that can carry an identifier: masked, and found by the lookup hashes.
  const lookups = new Set<string>(normalized?.lookups);
  const operationName = operation?.name == null ? null : maskIdentifiersInText(operation.name, mask, lookups, 'name');
  const clientRequestId = event.clientRequestId ? maskIdentifiersInText(event.clientRequestId, mask, lookups) : null;

  let variables: unknown = null;
  let variablesJson = 'null';
  if (!event.authenticationError && !event.refusal && (operation?.variables || normalized?.literals.length)) {
    const masked = maskVariables(operation?.variables ?? {}, mask);
    for (const lookup of masked.lookups) lookups.add(lookup);
    const kept = masked.variables;
    delete kept[LITERALS_KEY];
    if (normalized?.literals.length) kept[LITERALS_KEY] = normalized.literals;
    ({ value: variables, canonical: variablesJson } = storableWithCanonical(kept));
  }
  const authorization = context?.authorization;
  const coordinates = operation?.coordinates ?? authorization?.coordinates ?? [];
  const denied = operation?.deniedCoordinates ?? authorization?.denied ?? [];
  const calls = (context?.subgraphCalls ?? []).map((call) => ({
    subgraph: call.subgraph,
    status: call.status,
    durationMs: call.durationMs,
    // A subgraph's error message may quote what was asked.
    ...(call.error === undefined ? {} : { error: maskIdentifiersInText(call.error, mask, lookups) }),
  }));
  const lookupHashes = [...lookups].sort();
  const storedCalls = callsWithCanonical(calls);

  const entry: AccessLogEntry = {
    occurredAt: new Date(event.receivedAt.getTime()),
    requestId: text(event.requestId),
    clientId: requester?.clientId.toLowerCase() ?? null,
    credentialId: requester?.credentialId.toLowerCase() ?? null,
    graph: text(event.graph),
    operationName: nullableText(operationName),
    operationHash: nullableText(normalized?.hash),
    variables,
    lookupHashes,
    coordinates: coordinates.map(text),
    deniedCoordinates: denied.map(text),
    subgraphNames: [...new Set(calls.map((call) => text(call.subgraph)))].sort(),
    subgraphCalls: storedCalls.value,
    outcome,
    errorCode: nullableText(errorCode),
    durationMs: clampInt(event.durationMs),
    responseBytes: clampInt(Buffer.byteLength(event.responseBody, 'utf8')),
    clientAddress: text(event.clientAddress),
    // Absent rather than null when the client sent none: the canonical form leaves it out then.
    ...(clientRequestId ? { clientRequestId: text(clientRequestId) } : {}),
  };

  const document =
    normalized?.hash && normalized.document
      ? { hash: text(normalized.hash), operationName: nullableText(operationName), document: text(normalized.document) }
      : null;
  return {
    entry,
    document,
    variablesJson,
    callsJson: storedCalls.canonical,
    lookupHashesJson: JSON.stringify(entry.lookupHashes),
    coordinatesJson: JSON.stringify(entry.coordinates),
    deniedCoordinatesJson: JSON.stringify(entry.deniedCoordinates),
    subgraphNamesJson: JSON.stringify(entry.subgraphNames),
  };
}

function assertUuid(name: string, value: string | null | undefined): void {
  if (value != null && !UUID.test(value)) {
    throw new PenghubungError('INTERNAL', {
      id: `Log akses: ${name} peminta bukan UUID (${String(value).slice(0, 40)}).`,
      en: `Access log: the requester's ${name} is not a UUID (${String(value).slice(0, 40)}).`,
    });
  }
}

/** The hex SHA-256 of a document source, as Apollo Server's `queryHash`. */
export function operationHashOf(source: string): string {
  return createHash('sha256').update(source).digest('hex');
}

function errorCodeOfBody(body: string): string | null {
  if (body.length === 0 || body.length > 65_536) return null;
  try {
    const parsed = JSON.parse(body) as { errors?: { extensions?: { code?: unknown } }[] };
    const code = parsed.errors?.[0]?.extensions?.code;
    return typeof code === 'string' ? code : null;
  } catch {
    return null;
  }
}

function clampInt(value: number): number {
  if (!Number.isFinite(value) || value < 0) return 0;
  return Math.min(Math.round(value), INT32_MAX);
}

// PostgreSQL text and jsonb cannot hold U+0000, and jsonb refuses unpaired surrogates (a driver would
// turn them into U+FFFD in text columns). Either would fail the whole batch, or store something other
// than what was hashed. Both become U+FFFD before hashing: what is hashed is what is stored.
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what must be found
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// eslint-disable-next-line no-control-regex -- as above
const UNSTORABLE_AT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// eslint-disable-next-line no-control-regex -- as above
const NUL_OR_SURROGATE = /[\u0000\ud800-\udfff]/;

/** Whether `value` holds U+0000 or a lone surrogate. A plain character class first: most text has neither. */
function hasUnstorable(value: string): boolean {
  return NUL_OR_SURROGATE.test(value) && UNSTORABLE_AT.test(value);
}

function text(value: string): string {
  return hasUnstorable(value) ? value.replace(UNSTORABLE, '\ufffd') : value;
}

function nullableText(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : text(value);
}

/**
 * A JSON value exactly as a jsonb column gives it back: a JSON round trip (dates as ISO strings,
 * undefined members dropped, non-finite numbers as null), then unstorable characters replaced in
 * strings and keys. Numbers survive jsonb unchanged (numeric keeps the shortest round-trip digits).
 */
export function storable(value: unknown): unknown {
  return storableWithCanonical(value).value;
}

// In JSON.stringify's output, U+0000 and lone surrogates appear only as \u0000 and \udXXX escapes.
// (A backslash in the data is `\\`, so `\\u0000` also matches: a harmless false alarm.)
const MAY_BE_UNSTORABLE = /\\u(?:0000|d[89a-f])/;

/** What jsonb keeps as it is: storable text, and numbers other than -0 (jsonb gives -0 back as 0). */
function storedAsIs(leaf: string | number): boolean {
  return typeof leaf === 'string' ? !hasUnstorable(leaf) : !Object.is(leaf, -0);
}

/**
 * `storable(value)` and its canonical JSON, which is also the text to store it as jsonb. A value that
 * is plain storable JSON already (what the gateway's variables and subgraph calls are) is kept as
 * it is, and only its canonical JSON is written (the encoder's fast path): no round trip.
 */
function storableWithCanonical(value: unknown): { value: unknown; canonical: string } {
  if (value === undefined) return { value: null, canonical: 'null' };
  const plain = canonicalizePlain(value, storedAsIs);
  if (plain !== undefined) return { value, canonical: plain };
  const serialized = JSON.stringify(value);
  const parsed = JSON.parse(serialized) as unknown;
  const stored = MAY_BE_UNSTORABLE.test(serialized) ? clean(parsed) : parsed;
  return { value: stored, canonical: canonicalize(stored) };
}

const encodeCall = canonicalShape<keyof AccessSubgraphCall>(['subgraph', 'status', 'durationMs', 'error'], storedAsIs);

/** `storableWithCanonical(calls)` for the subgraph calls `buildRow` made, whose shape is known. */
function callsWithCanonical(calls: readonly AccessSubgraphCall[]): { value: unknown; canonical: string } {
  let canonical = '[';
  for (let index = 0; index < calls.length; index += 1) {
    const call = encodeCall(calls[index]!);
    if (call === undefined) return storableWithCanonical(calls);
    canonical += index === 0 ? call : `,${call}`;
  }
  return { value: calls, canonical: `${canonical}]` };
}

function clean(value: unknown): unknown {
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) return value.map(clean);
  if (value !== null && typeof value === 'object') {
    // fromEntries defines own properties: a key "__proto__" stays a key, as in jsonb.
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [text(key), clean(member)]));
  }
  return value;
}
