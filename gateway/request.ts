import type { AccessEvent, AccessOperation, AccessSubgraphCall } from '../lib/accessLog/index.ts';
import type { PenghubungError } from '../lib/errors.ts';

/** The authenticated caller of the gateway: a requester's client application and its credential. */
export interface Requester {
  clientId: string;
  clientName: string;
  credentialId: string;
}

/** One call the gateway made to a subgraph while serving a request, for the access log. */
export type SubgraphCall = AccessSubgraphCall;

/** What the access-log record keeps of the GraphQL operation a request carried. */
export type AccessedOperation = AccessOperation;

/**
 * The one record of a GraphQL request at the gateway (STYLE.md rule 22). The gateway creates it when
 * the request arrives (gateway/buildGateway.ts); the steps fill it in turn — authentication
 * (`authenticated`, `refusedCredential`), admission (`refused`), authorization and quota (`onFinish`),
 * the subgraph fetches (`calledSubgraph`), the access-log step (`operation`) — and the gateway
 * finishes it once, as the response is about to leave: `accessEvent` is what the log records, then
 * `finish` gives back what the request held (its place in the daily quota).
 *
 * Apollo Server copies the context object per operation (a shallow copy), so the record travels on
 * the context by reference (`GatewayContext.request`): every copy, and the trimmed operation of "drop
 * denied fields" run beside the client's, fill this same record.
 */
export class GatewayRequest {
  /** The gateway's own id of the request (a UUID), the access-log record's `request_id`. */
  readonly id: string;
  /** The `x-request-id` the client sent, if any: kept in the record's `client_request_id`. */
  readonly clientRequestId: string | null;
  /** The graph asked for (also when it does not exist). */
  readonly graph: string;
  readonly clientAddress: string;
  readonly receivedAt = new Date();
  readonly #started = performance.now();

  #requester: Requester | null = null;
  /** Whether the request got past authentication: only then does its record name a requester and calls. */
  #authenticated = false;
  #authenticationError: PenghubungError | null = null;
  #refusal: PenghubungError | null = null;
  readonly #subgraphCalls: SubgraphCall[] = [];
  /** What the access-log step collected of the operation(s) the request carried. */
  operation: AccessedOperation | undefined;
  readonly #onFinish: (() => void)[] = [];
  #finished = false;

  constructor(facts: { id: string; clientRequestId: string | null; graph: string; clientAddress: string }) {
    this.id = facts.id;
    this.clientRequestId = facts.clientRequestId;
    this.graph = facts.graph;
    this.clientAddress = facts.clientAddress;
  }

  get requester(): Requester | null {
    return this.#requester;
  }

  get subgraphCalls(): readonly SubgraphCall[] {
    return this.#subgraphCalls;
  }

  /** The credential was refused: the record names no requester, and the refusal is answered even if the log is down. */
  get authenticationError(): PenghubungError | null {
    return this.#authenticationError;
  }

  /** Authentication passed (`null`: anonymous, where the gateway allows it). */
  authenticated(requester: Requester | null): void {
    this.#requester = requester;
    this.#authenticated = true;
  }

  refusedCredential(error: PenghubungError): void {
    this.#authenticationError = error;
  }

  /** Refused before GraphQL read it (rate, size of its variables): recorded as denied, without its variables. */
  refused(error: PenghubungError): void {
    this.#refusal = error;
  }

  calledSubgraph(call: SubgraphCall): void {
    this.#subgraphCalls.push(call);
  }

  /** Runs `release` when the request is finished (its record written or the write failed), once. */
  onFinish(release: () => void): void {
    if (this.#finished) release();
    else this.#onFinish.push(release);
  }

  get finished(): boolean {
    return this.#finished;
  }

  /** What the access log records of this request, with the response about to be sent. */
  accessEvent(statusCode: number, responseBody: string): AccessEvent {
    return {
      requestId: this.id,
      graph: this.graph,
      receivedAt: this.receivedAt,
      durationMs: Math.round((performance.now() - this.#started) * 100) / 100,
      statusCode,
      clientAddress: this.clientAddress,
      responseBody,
      context: this.#authenticated
        ? { requester: this.#requester, operation: this.operation, subgraphCalls: this.#subgraphCalls }
        : null,
      authenticationError: this.#authenticationError,
      refusal: this.#refusal,
      clientRequestId: this.clientRequestId,
    };
  }

  /** Ends the request: what it held is given back. Only the first call acts. */
  finish(): void {
    if (this.#finished) return;
    this.#finished = true;
    for (const release of this.#onFinish.splice(0)) release();
  }
}
