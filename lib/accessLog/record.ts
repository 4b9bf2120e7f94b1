/**
 * The access-log record: what the gateway hands the log about one request (`AccessEvent`), the row
 * stored for it (`AccessLogEntry`) and the canonical form its hash covers.
 *
 * This file depends on nothing of the gateway: `AccessEvent` names only the facts the log keeps, so
 * the gateway's own request state (a wider object) is passed as it is.
 */
import type { DocumentNode } from 'graphql';
import type { AccessOutcome } from '../../drizzle/schema/log.ts';
import { canonicalize, type CanonicalRecord } from '../ledger/index.ts';

/** The name of the access log's hash chain (`chain_heads.chain`). */
export const ACCESS_CHAIN = 'access';

/** Who made the request, once authenticated. */
export interface AccessRequester {
  clientId: string;
  credentialId: string;
}

/** What the record keeps of the GraphQL operation a request carried. */
export interface AccessOperation {
  name: string | null;
  /** Hex SHA-256 of the document source (Apollo's `queryHash`); null when no document was sent. */
  hash: string | null;
  /**
   * The document source. Never stored as sent: the writer stores its normalized form (literals out,
   * lib/accessLog/literals.ts) once per hash in `operations`, and records under that form's hash.
   */
  document: string | null;
  /** The document as the gateway parsed it; absent when it did not parse (nothing of it is stored then). */
  parsed?: DocumentNode | undefined;
  /** The variables as sent; the writer masks them before storing. */
  variables: Record<string, unknown> | null;
  outcome: AccessOutcome;
  /** `extensions.code` of the first error, if any. */
  errorCode: string | null;
  /** The field coordinates the executed operation selected (for a refused one: those it asked for). */
  coordinates: readonly string[];
  deniedCoordinates: readonly string[];
}

/** One call to a subgraph while serving the request. */
export interface AccessSubgraphCall {
  subgraph: string;
  status: number;
  durationMs: number;
  /** Why the call failed, when it did (e.g. `UPSTREAM_TIMEOUT`: …). */
  error?: string;
}

/** What the gateway knows about a request when its response is ready. */
export interface AccessEvent {
  requestId: string;
  graph: string;
  receivedAt: Date;
  durationMs: number;
  statusCode: number;
  clientAddress: string;
  /** The serialized response body about to be sent. */
  responseBody: string;
  /** Present once the request got past authentication into GraphQL execution. */
  context: {
    requester: AccessRequester | null;
    /** What the access-log plugin collected; absent when the request never reached execution. */
    operation?: AccessOperation | undefined;
    /** The authorization decision, used when no operation was collected (a refused request). */
    authorization?: { coordinates: readonly string[]; denied: readonly string[] } | undefined;
    subgraphCalls: readonly AccessSubgraphCall[];
  } | null;
  /** Set when authentication refused the request (the credential id stays unknown). */
  authenticationError: { code: string } | null;
  /**
   * Set when the gateway refused an authenticated request before GraphQL read it (rate limit, size
   * of its variables): recorded as denied, without its variables.
   */
  refusal?: { code: string } | null;
  /** The `x-request-id` the client sent, kept beside the gateway's own id (never used as it). */
  clientRequestId?: string | null;
}

/**
 * The columns of an access-log row that its hash covers: every column except `seq`, `prev_hash` and
 * `hash`. `seq` is the row's position, fixed by the chain itself: the verifier requires contiguous
 * sequence numbers whose rows link hash to hash from genesis, so renumbering, swapping or removing
 * rows breaks a link even though `seq` is not inside the hash.
 */
export interface AccessLogEntry {
  /** When the gateway received the request (JS Date, millisecond precision: stored and hashed alike). */
  occurredAt: Date;
  requestId: string;
  clientId: string | null;
  credentialId: string | null;
  graph: string;
  operationName: string | null;
  operationHash: string | null;
  /** The variables as masked for the log (jsonb); null when the request carried none. */
  variables: unknown;
  lookupHashes: string[];
  coordinates: string[];
  deniedCoordinates: string[];
  subgraphNames: string[];
  /** `[{ subgraph, status, durationMs, error? }]` (jsonb). */
  subgraphCalls: unknown;
  outcome: AccessOutcome;
  errorCode: string | null;
  durationMs: number;
  responseBytes: number;
  clientAddress: string;
  /**
   * The `x-request-id` the client sent (null or absent: none). Hashed only when present, so rows
   * written before the column existed keep their hashes.
   */
  clientRequestId?: string | null;
}

/** An operation document to store once per hash. */
export interface OperationDocument {
  hash: string;
  operationName: string | null;
  document: string;
}

/** A record ready to be linked: the row, its canonical form and its operation document. */
export interface PreparedAccessLogRecord extends CanonicalRecord<AccessLogEntry> {
  document: OperationDocument | null;
}

/**
 * The canonical form an access-log row is hashed over (format v1): the canonical JSON
 * (lib/ledger/canonical.ts: keys sorted, no whitespace) of the object
 *
 *   { clientAddress, clientId, coordinates, credentialId, deniedCoordinates, durationMs, errorCode,
 *     graph, lookupHashes, occurredAt, operationHash, operationName, outcome, requestId,
 *     responseBytes, subgraphCalls, subgraphNames, variables }
 *
 * plus `clientRequestId` when the row has one (the client's `x-request-id`; a later column, left out
 * when null so that the rows written before it keep their hashes),
 *
 * with the row's values: `occurredAt` as ISO 8601 UTC with milliseconds, absent values as `null`,
 * arrays in stored order, `variables` and `subgraphCalls` as the JSON jsonb gives back. Accepts a row
 * read from the database (extra columns are ignored), so the verifier recomputes exactly this.
 * `hash = SHA-256(prev_hash + "\n" + accessLogCanonicalForm(row))`.
 */
export function accessLogCanonicalForm(row: AccessLogEntry): string {
  return canonicalize(canonicalObjectOf(row));
}

/** The object `accessLogCanonicalForm` encodes: the hashed columns, absent values as null. */
export function canonicalObjectOf(row: AccessLogEntry): Record<string, unknown> {
  return {
    occurredAt: row.occurredAt,
    requestId: row.requestId,
    clientId: row.clientId ?? null,
    credentialId: row.credentialId ?? null,
    graph: row.graph,
    operationName: row.operationName ?? null,
    operationHash: row.operationHash ?? null,
    variables: row.variables ?? null,
    lookupHashes: row.lookupHashes,
    coordinates: row.coordinates,
    deniedCoordinates: row.deniedCoordinates,
    subgraphNames: row.subgraphNames,
    subgraphCalls: row.subgraphCalls,
    outcome: row.outcome,
    errorCode: row.errorCode ?? null,
    durationMs: row.durationMs,
    responseBytes: row.responseBytes,
    clientAddress: row.clientAddress,
    ...(row.clientRequestId == null ? {} : { clientRequestId: row.clientRequestId }),
  };
}
