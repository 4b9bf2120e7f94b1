import { STATUS_CODES, type IncomingHttpHeaders } from 'node:http';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { BrokenCircuitError, circuitBreaker, ConsecutiveBreaker, ExponentialBackoff, handleWhen, type CircuitBreakerPolicy } from 'cockatiel';
import { Agent, request, type Dispatcher } from 'undici';

/** The fetch signature @apollo/gateway's data sources take. */
export type Fetcher = NonNullable<NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher']>;

/** How long a subgraph fetch may take unless its subgraph says otherwise (undici's own default is 300 s). */
export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 10_000;

export interface SubgraphFaultOptions {
  /** Deadline of one fetch to `subgraph`, in ms (default `DEFAULT_SUBGRAPH_TIMEOUT_MS`). */
  timeoutMsFor?: (subgraph: string) => number | undefined;
  /** Failures in a row (timeouts, refused connections, 5xx) that open a subgraph's circuit (default 5). */
  failuresToOpen?: number;
  /** First pause before an open circuit lets one probe through, in ms; doubles per failed probe up to 30 s (default 2,000). */
  probeAfterMs?: number;
}

export interface SubgraphFetcher {
  /** The fetcher of one subgraph: its own deadline and its own circuit. */
  fetcherFor(subgraph: string): Fetcher;
  close(): Promise<void>;
}

/**
 * Why a subgraph fetch failed, as the partial answer and the access log name it: the subgraph did not
 * answer in time (`UPSTREAM_TIMEOUT`), or it is unreachable, failing, or its circuit is open and it is
 * not being called until a probe succeeds (`UPSTREAM_UNAVAILABLE`).
 */
export class SubgraphFailure extends Error {
  override readonly name = 'SubgraphFailure';
  constructor(
    readonly code: 'UPSTREAM_TIMEOUT' | 'UPSTREAM_UNAVAILABLE',
    readonly subgraph: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Whether a failure counts against the subgraph's circuit: it did not answer, or answered 5xx. */
const countsAgainstCircuit = (error: unknown) => error instanceof SubgraphFailure || error instanceof ServerError;

class ServerError extends Error {}

/** What @apollo/gateway's data source hands its fetcher (a string body, plain headers). */
interface SubgraphRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

/**
 * The answer of a subgraph as the data source reads it: the part of the Fetch API `Response` that
 * @apollo/gateway's `RemoteGraphQLDataSource` uses (`ok`, `status`, `statusText`, `url`,
 * `headers.get`, `json()`, `text()`), over undici's `request` answer. A WHATWG `Response` costs a
 * web stream and several objects per call: with `fetch`, undici's Fetch API machinery was the
 * largest single item of the gateway's CPU profile (bench/README.md).
 */
class SubgraphResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };

  constructor(
    readonly url: string,
    private readonly answer: Dispatcher.ResponseData,
    private readonly timer: NodeJS.Timeout,
    private readonly failure: (error: unknown) => SubgraphFailure,
  ) {
    this.status = answer.statusCode;
    const raw: IncomingHttpHeaders = answer.headers;
    this.headers = {
      get(name) {
        const value = raw[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    };
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  get statusText(): string {
    return STATUS_CODES[this.status] ?? '';
  }

  json(): Promise<unknown> {
    return this.read(this.answer.body.json());
  }

  text(): Promise<string> {
    return this.read(this.answer.body.text());
  }

  private async read<T>(body: Promise<T>): Promise<T> {
    try {
      return await body;
    } catch (error) {
      // The deadline passed, or the connection broke, while the body was coming.
      throw this.failure(error);
    } finally {
      clearTimeout(this.timer);
    }
  }
}

/**
 * Subgraph calls through one keep-alive undici `Agent`, with undici's `request` (not `fetch`: see
 * `SubgraphResponse`). Measured when the design was settled: the default fetcher reached about half
 * the throughput of a keep-alive one, mostly from connection setup.
 * Each subgraph gets a deadline per fetch and a circuit breaker (cockatiel): after `failuresToOpen`
 * failures in a row its fetches fail at once with UPSTREAM_UNAVAILABLE, so a stalled agency costs
 * requests nothing but its own fields, and one fetch at a time probes it again.
 */
export function createSubgraphFetcher(options: { connections?: number; keepAliveTimeoutMs?: number } & SubgraphFaultOptions = {}): SubgraphFetcher {
  const agent = new Agent({
    connections: options.connections ?? 128,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
    keepAliveMaxTimeout: 60_000,
  });
  const circuits = new Map<string, CircuitBreakerPolicy>();
  const circuitOf = (subgraph: string) => {
    let circuit = circuits.get(subgraph);
    if (!circuit) {
      circuit = circuitBreaker(handleWhen(countsAgainstCircuit), {
        halfOpenAfter: new ExponentialBackoff({ initialDelay: options.probeAfterMs ?? 2_000, maxDelay: 30_000 }),
        breaker: new ConsecutiveBreaker(options.failuresToOpen ?? 5),
      });
      circuits.set(subgraph, circuit);
    }
    return circuit;
  };

  const fetchOnce = async (subgraph: string, url: string, init: SubgraphRequestInit | undefined) => {
    const timeoutMs = options.timeoutMsFor?.(subgraph) ?? DEFAULT_SUBGRAPH_TIMEOUT_MS;
    // One deadline for the whole call, the body included; cleared once the body is read.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    timer.unref();
    const given = init?.signal;
    const signal = given ? AbortSignal.any([given, deadline.signal]) : deadline.signal;
    const failure = (error: unknown): SubgraphFailure => {
      if (deadline.signal.aborted) return new SubgraphFailure('UPSTREAM_TIMEOUT', subgraph, `no answer within ${timeoutMs / 1000} s`, { cause: error });
      const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
      return new SubgraphFailure('UPSTREAM_UNAVAILABLE', subgraph, `unreachable (${reason})`, { cause: error });
    };
    let answer: Dispatcher.ResponseData;
    try {
      answer = await request(url, {
        method: (init?.method ?? 'POST') as Dispatcher.HttpMethod,
        headers: init?.headers ?? {},
        body: init?.body ?? null,
        signal,
        dispatcher: agent,
      });
    } catch (error) {
      clearTimeout(timer);
      throw failure(error);
    }
    const response = new SubgraphResponse(url, answer, timer, failure);
    // Counted against the circuit; the data source still reads the body (GraphQL errors in it).
    return { response, failed: response.status >= 500 };
  };

  return {
    fetcherFor(subgraph) {
      const circuit = circuitOf(subgraph);
      return (async (url: string, init?: SubgraphRequestInit) => {
        let failedResponse: Awaited<ReturnType<typeof fetchOnce>>['response'] | undefined;
        try {
          return await circuit.execute(async () => {
            const { response, failed } = await fetchOnce(subgraph, url, init);
            if (failed) {
              failedResponse = response;
              throw new ServerError(`HTTP ${response.status}`);
            }
            return response;
          });
        } catch (error) {
          if (error instanceof ServerError && failedResponse) return failedResponse;
          if (error instanceof BrokenCircuitError) {
            throw new SubgraphFailure('UPSTREAM_UNAVAILABLE', subgraph, 'not called: it failed repeatedly and is probed again shortly', { cause: error });
          }
          throw error;
        }
      }) as unknown as Fetcher;
    },
    close: () => agent.close(),
  };
}
