/**
 * The control-plane feed: everything the gateway (data plane) reads of the registry (control plane),
 * behind one typed interface. The gateway imports nothing else of the registry; what it writes goes
 * through the access-log appender.
 *
 * - supergraphs per graph, versioned, with change notifications (`supergraphFeed.ts`);
 * - the client behind an API key (`grantStore.ts`, `authenticate`);
 * - each client's grant snapshot per graph, versioned, with a change watch (`grantStore.ts`);
 * - the daily quota counts (`quotaCounter.ts`);
 * - each subgraph's own fetch deadline (`subgraphTimeouts.ts`).
 *
 * The database-backed feed reads the registry's tables directly (`FeedRepository.ts`), so a gateway
 * needs no registry HTTP call on the request path; the registry announces changes with NOTIFY and
 * the feed also polls, because a notification can be missed.
 */
import type { DatabaseHandle } from '../../drizzle/database.ts';
import {
  createGrantStore,
  type AuthenticatedClient,
  type AuthenticationFailure,
  type ClientGrantSet,
  type GrantStore,
} from './grantStore.ts';
import { createQuotaCounter, type QuotaVerdict } from './quotaCounter.ts';
import { createDatabaseSupergraphSource } from './supergraphFeed.ts';
import type { SupergraphSource } from './supergraphSource.ts';
import { createSubgraphTimeouts } from './subgraphTimeouts.ts';

export type { AuthenticatedClient, AuthenticationFailure, ClientGrantSet } from './grantStore.ts';
export type { QuotaVerdict } from './quotaCounter.ts';
export type { SupergraphSource, SupergraphUpdate } from './supergraphSource.ts';

export interface ControlPlaneFeed {
  /** Every graph's current supergraph, and each newer one as it is published. */
  readonly supergraphs: SupergraphSource;
  /** The client behind an API key, or why it is refused. */
  authenticate(apiKey: string): Promise<AuthenticatedClient | AuthenticationFailure>;
  /** What the client may read in one graph now: coordinates, quota and the snapshot's version. */
  grantSet(clientId: string, graph: string): Promise<ClientGrantSet>;
  /** Calls `onChange(clientId)` when a client's grants or credentials change; resolves to a stop function. */
  watchGrants(onChange: (clientId: string) => void): Promise<() => Promise<void>>;
  /** Admits one request of the client in the graph against its daily quota, or says it is used up. */
  admitQuota(clientId: string, graph: string, quotaPerDay: number): Promise<QuotaVerdict>;
  /** The subgraph's own fetch deadline in ms as set in the registry, or undefined (the gateway default applies). */
  subgraphTimeoutMs(subgraph: string): number | undefined;
  close(): Promise<void>;
}

export interface DatabaseFeedOptions {
  /** Safety-net poll of supergraphs and grant versions, for changes whose notification was missed. */
  pollMs: number;
  onError?: (message: string, error: unknown) => void;
}

/** The feed read from the registry's database; resolves once it listens for grant changes. */
export async function createDatabaseFeed(database: DatabaseHandle, options: DatabaseFeedOptions): Promise<ControlPlaneFeed> {
  const grants: GrantStore = createGrantStore(database, { pollIntervalMs: options.pollMs });
  // The store drops a client's cached snapshots on every change it hears of; listening starts here.
  await grants.subscribe(() => {});
  const quotas = createQuotaCounter({ database, ...(options.onError ? { onError: options.onError } : {}) });
  const timeouts = await createSubgraphTimeouts(database, {
    pollMs: options.pollMs,
    ...(options.onError ? { onError: (error: unknown) => options.onError!('subgraph timeout poll failed', error) } : {}),
  });
  const source = createDatabaseSupergraphSource(database, {
    pollMs: options.pollMs,
    ...(options.onError ? { onError: (error: unknown) => options.onError!('supergraph poll failed', error) } : {}),
  });
  // A new supergraph is delivered only after the deadlines are read again, so the subgraphs it
  // brings are called with their own deadline from the first request.
  const supergraphs: SupergraphSource = {
    load: async () => {
      await timeouts.refresh();
      return source.load();
    },
    subscribe: (onUpdate) =>
      source.subscribe((update) => {
        timeouts
          .refresh()
          .catch((error: unknown) => options.onError?.('subgraph timeout refresh failed', error))
          .finally(() => onUpdate(update));
      }),
  };
  return {
    supergraphs,
    authenticate: (apiKey) => grants.authenticate(apiKey),
    grantSet: (clientId, graph) => grants.grantSet(clientId, graph),
    watchGrants: (onChange) => grants.subscribe(onChange),
    admitQuota: (clientId, graph, quotaPerDay) => quotas.admit(clientId, graph, quotaPerDay),
    subgraphTimeoutMs: (subgraph) => timeouts.timeoutMsFor(subgraph),
    close: async () => {
      timeouts.close();
      await grants.close();
    },
  };
}
