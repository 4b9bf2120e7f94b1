import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { BrokenCircuitError, circuitBreaker, ConsecutiveBreaker, ExponentialBackoff, handleWhen, type CircuitBreakerPolicy } from 'cockatiel';
import { Agent, fetch as undiciFetch } from 'undici';

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

/**
 * Subgraph calls through one keep-alive undici `Agent`. Measured when the design was settled: the
 * default fetcher reached about half the throughput of this one, mostly from connection setup.
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

  const fetchOnce = async (subgraph: string, url: string, init: Record<string, unknown> | undefined) => {
    const timeoutMs = options.timeoutMsFor?.(subgraph) ?? DEFAULT_SUBGRAPH_TIMEOUT_MS;
    const deadline = AbortSignal.timeout(timeoutMs);
    const given = init?.['signal'] as AbortSignal | undefined;
    const signal = given ? AbortSignal.any([given, deadline]) : deadline;
    let response;
    try {
      response = await undiciFetch(url, { ...(init as object), signal, dispatcher: agent });
    } catch (error) {
      if (deadline.aborted) {
        throw new SubgraphFailure('UPSTREAM_TIMEOUT', subgraph, `no answer within ${timeoutMs / 1000} s`, { cause: error });
      }
      const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
      throw new SubgraphFailure('UPSTREAM_UNAVAILABLE', subgraph, `unreachable (${reason})`, { cause: error });
    }
    if (response.status >= 500) {
      // Counted against the circuit; the data source still reads the body (GraphQL errors in it).
      return { response, failed: true };
    }
    return { response, failed: false };
  };

  return {
    fetcherFor(subgraph) {
      const circuit = circuitOf(subgraph);
      return (async (url: string, init?: Record<string, unknown>) => {
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
