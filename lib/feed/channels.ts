/**
 * The channel on which the registry announces a new supergraph of a graph, after the transaction
 * that stored it commits. The payload is `{ graph, version }` (JSON). Gateways (through
 * `supergraphFeed.ts`) fetch it; a missed notification is caught by the feed's poll.
 */
export const SUPERGRAPH_CHANNEL = 'penghubung_supergraph';

/**
 * The channel on which the registry announces a change to a client's grants, after the transaction
 * that changed them commits. The payload is the client id. Gateways (through `grantStore.ts`) drop
 * what they cached for that client; a missed notification is caught by the grant store's poll and,
 * before any decision, by its `grants_version` check.
 */
export const GRANTS_CHANNEL = 'penghubung_grants';
