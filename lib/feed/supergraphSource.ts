/**
 * Where a gateway gets the supergraphs it serves. The registry's database-backed source notifies on
 * every successful composition; a static source serves fixed supergraphs (tests, single-file setups).
 */
export interface SupergraphUpdate {
  graph: string;
  supergraphSdl: string;
  /** Monotonic per graph; a gateway ignores an update that is not newer than what it serves. */
  version: number;
  /** The graph serves nothing from this version on (deleted, or its last subgraph retired): stop serving it. */
  withdrawn?: boolean;
}

export interface SupergraphSource {
  /** Every graph's current supergraph. */
  load(): Promise<SupergraphUpdate[]>;
  /** Calls `onUpdate` for every new supergraph of any graph; resolves to a stop function. */
  subscribe(onUpdate: (update: SupergraphUpdate) => void): Promise<() => Promise<void>>;
}

export function createStaticSupergraphSource(updates: SupergraphUpdate[]): SupergraphSource {
  return {
    load: async () => updates,
    subscribe: async () => async () => {},
  };
}
