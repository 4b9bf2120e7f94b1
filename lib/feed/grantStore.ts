/**
 * What the gateway asks of the access workflow, on every request: who is calling (an API key →
 * client), and what that client may read in one graph (its grant set). Built on the database alone,
 * so a gateway process needs no registry HTTP call on the request path.
 *
 * Freshness — why a revocation is never outlived:
 * every change to a client's grants bumps `clients.grants_version` in the same transaction. Grant
 * sets are cached per (client, graph) together with the `grants_version` they were computed under,
 * and a cached set is served only when the client's *current* `grants_version` still matches. The
 * current version is re-read cheaply — by primary key, or for free by `authenticate()`, whose lookup
 * already joins the client row. Every read of it is kept as an observation (monotonic: an older value
 * read by a slower query never replaces a newer one), and `grantSet()` trusts an observation younger
 * than `versionReuseMs` (0 re-reads on every call), however the read came (a cached key does not make
 * its observation younger).
 * This is re-checking rather than trusting notifications because notifications can be lost (a
 * dropped LISTEN connection, PGlite across processes) and arrive after the revoking HTTP response;
 * a version check cannot. LISTEN `penghubung_grants` and the poll are still used: they evict
 * entries early (memory) and tell `subscribe()`rs — the gateway's decision caches — to drop what
 * they hold for the client.
 *
 * API keys are cached too (per key hash, at most `credentialReuseMs`, default 1,000 ms): a request
 * costs no database round trip for its key, nor for its client's `grants_version`, which is re-read
 * at most once per `versionReuseMs` per client (concurrent readers share one query). What bounds the
 * staleness: a notification on `penghubung_grants` (a grant change, a key revoked) drops the
 * client's cached keys and versions at once; without one (a missed notification, a requester
 * disabled, which notifies nothing) a key is read again within `credentialReuseMs` and the version
 * within `versionReuseMs`, so a revocation takes effect within about a second either way.
 *
 * Time: grants start and end on their own. A cached set also carries `validUntil`, the next start or
 * end among the client's grants in the graph; it is recomputed once that passes, and `version`
 * includes it, so two different sets under one `grants_version` never share a version string.
 *
 * Shared fields: a coordinate served by several agencies has one request item per owning agency
 * (see registry/access/coordinates.ts); it is in the grant set only while every one of those items has a grant that
 * is not revoked and is inside its window.
 */
import { LRUCache } from 'lru-cache';
import type { DatabaseHandle } from '../../drizzle/database.ts';
import type { Grant } from '../../drizzle/schema/index.ts';
import type { CoordinateConditions } from '../grantConditions/conditions.ts';
import { parseApiKey } from '../apiKeys.ts';
import { GRANTS_CHANNEL } from './channels.ts';
import { FeedRepository, type CredentialOwner } from './FeedRepository.ts';

export interface AuthenticatedClient {
  clientId: string;
  clientName: string;
  credentialId: string;
}

export type AuthenticationFailure = { error: 'unknown' | 'revoked' | 'expired' };

/** What a client may read in one graph; satisfies the gateway's `GrantSet`. */
export interface ClientGrantSet {
  /** `<clientId>:<grantsVersion>:<graph>:<validUntil ms | open>`: changes whenever `coordinates` may. */
  readonly version: string;
  readonly coordinates: ReadonlySet<string>;
  /**
   * Requests per day the client may make in this graph: the largest quota among the requests behind
   * its current grants, null when any of them set none (or there are no grants).
   */
  readonly quotaPerDay: number | null;
  /** When the set changes by itself (a grant starts or ends); null when no such time is ahead. */
  readonly validUntil: Date | null;
  /**
   * The conditions of each coordinate granted in full (in its window, scheduled, or ended within
   * `ENDED_GRANT_NOTICE_MS`), one entry per request that grants it: any one entry that holds allows.
   * The gateway and the subgraphs turn them into graphql-shield rules (`lib/grantConditions`).
   */
  readonly grantConditions: ReadonlyMap<string, readonly CoordinateConditions[]>;
}

export interface GrantStoreOptions {
  now?: () => Date;
  /** How often the store compares the `grants_version` of the clients it knows (default 5,000 ms; 0 disables). */
  pollIntervalMs?: number;
  /** How long a `grants_version` read is trusted by `grantSet()` (default 1,000 ms; 0 re-reads every call). */
  versionReuseMs?: number;
  /**
   * How long an API key's lookup (its credential, client and requester) is reused (default 1,000 ms;
   * 0 reads it on every call). A notification about the client drops it earlier.
   */
  credentialReuseMs?: number;
  /** Grant sets kept, and API keys (default 10,000). */
  maxEntries?: number;
  logger?: { warn(object: object, message: string): void };
}

export interface GrantStore {
  authenticate(apiKey: string): Promise<AuthenticatedClient | AuthenticationFailure>;
  grantSet(clientId: string, graphName: string): Promise<ClientGrantSet>;
  /**
   * Calls `onChange(clientId)` when a client's grants or credentials change: from LISTEN
   * `penghubung_grants` (immediately, same cluster) and from the poll (a missed notification).
   * Resolves once listening; the returned function stops it.
   */
  subscribe(onChange: (clientId: string) => void): Promise<() => Promise<void>>;
  /** Drops what is cached for one client, or everything. */
  invalidate(clientId?: string): void;
  close(): Promise<void>;
}

interface CacheEntry {
  clientId: string;
  grantsVersion: number;
  set: ClientGrantSet;
}

interface Observation {
  grantsVersion: number;
  readAt: number;
}

const SEPARATOR = '\u0000';

export function createGrantStore(database: DatabaseHandle, options: GrantStoreOptions = {}): GrantStore {
  const now = options.now ?? (() => new Date());
  const pollIntervalMs = options.pollIntervalMs ?? 5_000;
  const versionReuseMs = options.versionReuseMs ?? 1_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const credentialReuseMs = options.credentialReuseMs ?? 1_000;
  const repository = new FeedRepository(database.db);

  const cache = new LRUCache<string, CacheEntry>({ max: maxEntries });
  const observations = new LRUCache<string, Observation>({ max: maxEntries });
  // Key hash → its owner row, read at most once per `credentialReuseMs` (concurrent misses share the
  // query: lru-cache's fetch). An unknown key is not kept: nothing to bound, and a key issued a moment
  // later must work at once. `readAt` is when the row was read, for the version it carries.
  const owners = new LRUCache<string, { owner: CredentialOwner; readAt: number }>({
    max: maxEntries,
    ...(credentialReuseMs > 0 ? { ttl: credentialReuseMs } : {}),
    fetchMethod: async (secretHash) => {
      const readAt = Date.now();
      const owner = await repository.credentialOwner(secretHash);
      return owner ? { owner, readAt } : undefined;
    },
  });
  // Client id → the query re-reading its `grants_version`, while one runs.
  const versionReads = new Map<string, Promise<number | null>>();
  const handlers = new Set<(clientId: string) => void>();
  let unlisten: (() => Promise<void>) | null = null;
  let listening: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  /** `readAt`: when the query that read it started (an older read never counts as younger). */
  function observe(clientId: string, grantsVersion: number, readAt: number): void {
    const previous = observations.get(clientId);
    if (previous && (previous.grantsVersion > grantsVersion || (previous.grantsVersion === grantsVersion && previous.readAt >= readAt))) return;
    observations.set(clientId, { grantsVersion, readAt });
  }

  function invalidate(clientId?: string): void {
    if (clientId === undefined) {
      cache.clear();
      observations.clear();
      owners.clear();
      return;
    }
    observations.delete(clientId);
    for (const [hash, entry] of owners.entries()) if (entry.owner.client.id === clientId) owners.delete(hash);
    const keys = [...cache.entries()].filter(([, entry]) => entry.clientId === clientId).map(([key]) => key);
    for (const key of keys) cache.delete(key);
  }

  function changed(clientId: string): void {
    invalidate(clientId);
    for (const handler of handlers) {
      try {
        handler(clientId);
      } catch (error) {
        options.logger?.warn({ err: error, clientId }, 'grant change handler failed');
      }
    }
  }

  async function currentVersion(clientId: string): Promise<number | null> {
    const seen = observations.get(clientId);
    if (seen && Date.now() - seen.readAt < versionReuseMs) return seen.grantsVersion;
    let reading = versionReads.get(clientId);
    if (!reading) {
      const readAt = Date.now();
      reading = repository
        .grantsVersions([clientId])
        .then((versions) => {
          const version = versions.get(clientId);
          if (version === undefined) return null;
          observe(clientId, version, readAt);
          return version;
        })
        .finally(() => versionReads.delete(clientId));
      versionReads.set(clientId, reading);
    }
    return reading;
  }

  async function compute(
    clientId: string,
    graphName: string,
    grantsVersion: number,
  ): Promise<ClientGrantSet> {
    const at = now();
    const rows = await repository.currentGrants(
      clientId,
      graphName,
      new Date(at.getTime() - ENDED_GRANT_NOTICE_MS),
    );
    const { coordinates, quotaPerDay, validUntil, conditions } = effectiveGrants(rows, at);
    return {
      version: `${clientId}:${grantsVersion}:${graphName}:${validUntil ? validUntil.getTime() : 'open'}`,
      coordinates,
      quotaPerDay,
      validUntil,
      grantConditions: conditions,
    };
  }

  async function poll(): Promise<void> {
    const known = [...observations.entries()];
    for (let start = 0; start < known.length; start += 500) {
      const chunk = known.slice(start, start + 500);
      const versions = await repository.grantsVersions(chunk.map(([id]) => id));
      for (const [clientId, seen] of chunk) {
        const version = versions.get(clientId);
        if (version === undefined || version > seen.grantsVersion) changed(clientId);
      }
    }
  }

  async function startListening(): Promise<void> {
    unlisten = await database.listen(GRANTS_CHANNEL, (payload) => changed(payload.trim()));
    if (pollIntervalMs > 0) {
      timer = setInterval(() => {
        poll().catch((error: unknown) => options.logger?.warn({ err: error }, 'grant version poll failed'));
      }, pollIntervalMs);
      timer.unref();
    }
  }

  async function stopListening(): Promise<void> {
    if (timer) clearInterval(timer);
    timer = null;
    const stop = unlisten;
    unlisten = null;
    listening = null;
    if (stop) await stop();
  }

  return {
    async authenticate(apiKey) {
      const parsed = parseApiKey(apiKey);
      if (!parsed) return { error: 'unknown' };
      const found = credentialReuseMs > 0 ? await owners.fetch(parsed.secretHash) : await owners.fetch(parsed.secretHash, { forceRefresh: true });
      if (!found) return { error: 'unknown' };
      const { owner, readAt } = found;
      // A disabled requester's keys stop working with it.
      if (owner.credential.revokedAt || owner.requesterDisabled) return { error: 'revoked' };
      if (owner.credential.expiresAt && owner.credential.expiresAt.getTime() <= now().getTime())
        return { error: 'expired' };
      observe(owner.client.id, owner.client.grantsVersion, readAt);
      return { clientId: owner.client.id, clientName: owner.client.name, credentialId: owner.credential.id };
    },

    async grantSet(clientId, graphName) {
      const key = `${clientId}${SEPARATOR}${graphName}`;
      const version = await currentVersion(clientId);
      if (version === null) {
        cache.delete(key);
        return {
          version: `${clientId}:none:${graphName}`,
          coordinates: new Set<string>(),
          quotaPerDay: null,
          validUntil: null,
          grantConditions: new Map(),
        };
      }
      const cached = cache.get(key);
      if (
        cached &&
        cached.grantsVersion === version &&
        (cached.set.validUntil === null || now().getTime() < cached.set.validUntil.getTime())
      ) {
        return cached.set;
      }
      const set = await compute(clientId, graphName, version);
      // A change may commit between the version read and the grants read: the set is then newer than
      // its key, and the next call sees the newer version and recomputes. Never the other way round.
      cache.set(key, { clientId, grantsVersion: version, set });
      return set;
    },

    async subscribe(onChange) {
      if (closed) throw new Error('grant store is closed');
      handlers.add(onChange);
      if (!listening) listening = startListening();
      await listening;
      return async () => {
        handlers.delete(onChange);
        if (handlers.size === 0) await stopListening();
      };
    },

    invalidate,

    async close() {
      closed = true;
      handlers.clear();
      await stopListening();
      invalidate();
    },
  };
}

/** How long after its end a grant stays in the snapshot, so a refusal can say that its period ended. */
export const ENDED_GRANT_NOTICE_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * The coordinates in effect at `at`: those of a request whose every owner's grant is in its window,
 * with the quota and the next moment (a start or an end) at which the answer changes; and, for every
 * coordinate of a request all of whose owners granted it (in its window, scheduled, or ended lately),
 * its conditions: the common window of the owners' grants as `period`, and every condition set they
 * carry. Several requests granting one coordinate are alternatives: any one of them suffices.
 */
export function effectiveGrants(
  rows: readonly { grant: Grant; owners: number }[],
  at: Date,
): {
  coordinates: Set<string>;
  quotaPerDay: number | null;
  validUntil: Date | null;
  conditions: Map<string, CoordinateConditions[]>;
} {
  const time = at.getTime();
  let next = Number.POSITIVE_INFINITY;
  const groups = new Map<
    string,
    { owners: number; inWindow: number; coordinate: string; quota: number | null; grants: Grant[] }
  >();
  for (const { grant, owners } of rows) {
    const starts = grant.startsAt.getTime();
    const ends = grant.endsAt.getTime();
    if (starts > time) next = Math.min(next, starts);
    if (ends > time) next = Math.min(next, ends);
    const key = `${grant.requestId}${SEPARATOR}${grant.coordinate}`;
    let group = groups.get(key);
    if (!group)
      groups.set(
        key,
        (group = { owners, inWindow: 0, coordinate: grant.coordinate, quota: grant.quotaPerDay, grants: [] }),
      );
    group.grants.push(grant);
    if (starts <= time && time < ends) group.inWindow += 1;
  }
  const coordinates = new Set<string>();
  const conditions = new Map<string, CoordinateConditions[]>();
  let unlimited = false;
  let quota = 0;
  for (const group of groups.values()) {
    if (group.grants.length >= group.owners) {
      const startsAt = Math.max(...group.grants.map((grant) => grant.startsAt.getTime()));
      const endsAt = Math.min(...group.grants.map((grant) => grant.endsAt.getTime()));
      if (startsAt < endsAt) {
        const alternatives = conditions.get(group.coordinate) ?? [];
        alternatives.push({
          period: { startsAt: new Date(startsAt).toISOString(), endsAt: new Date(endsAt).toISOString() },
          sets: group.grants.flatMap((grant) => grant.conditions ?? []),
        });
        conditions.set(group.coordinate, alternatives);
      }
    }
    if (group.inWindow < group.owners) continue;
    coordinates.add(group.coordinate);
    if (group.quota === null) unlimited = true;
    else quota = Math.max(quota, group.quota);
  }
  return {
    coordinates,
    quotaPerDay: coordinates.size === 0 || unlimited ? null : quota,
    validUntil: Number.isFinite(next) ? new Date(next) : null,
    conditions,
  };
}
