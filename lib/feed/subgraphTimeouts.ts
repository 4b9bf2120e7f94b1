/**
 * Each subgraph's own fetch deadline, as its publisher set it in the registry (`subgraphs.timeout_ms`).
 * The gateway asks on every subgraph fetch, so the answer comes from memory: the map is read at
 * start, again before each new supergraph is delivered (a publish that changes the deadline usually
 * comes with one), and on the feed's safety-net poll, because a publish that changes only the
 * deadline produces no new supergraph.
 */
import type { DatabaseHandle } from '../../drizzle/database.ts';
import { FeedRepository } from './FeedRepository.ts';

export interface SubgraphTimeouts {
  /** The subgraph's own deadline in ms, or undefined when it has none (the gateway default applies). */
  timeoutMsFor(subgraph: string): number | undefined;
  /** Reads the map again from the database. */
  refresh(): Promise<void>;
  close(): void;
}

export async function createSubgraphTimeouts(
  database: DatabaseHandle,
  options: { pollMs: number; onError?: (error: unknown) => void },
): Promise<SubgraphTimeouts> {
  const repository = new FeedRepository(database.db);
  let byName = new Map<string, number>();
  const refresh = async (): Promise<void> => {
    const rows = await repository.subgraphTimeouts();
    byName = new Map(rows.map((row) => [row.name, row.timeoutMs]));
  };
  await refresh();
  const timer =
    options.pollMs > 0
      ? setInterval(() => {
          refresh().catch(options.onError ?? (() => {}));
        }, options.pollMs)
      : undefined;
  timer?.unref();
  return {
    timeoutMsFor: (subgraph) => byName.get(subgraph),
    refresh,
    close: () => clearInterval(timer),
  };
}
