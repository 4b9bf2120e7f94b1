/**
 * The gateways' supergraph source backed by the registry database: `load` gives each graph's newest
 * supergraph; `subscribe` reacts to the registry's NOTIFY on `penghubung_supergraph` and also polls
 * every `pollMs`, because a notification can be missed (a reconnect, or PGlite, which delivers them
 * only inside one process). Either way an update is delivered only when its version is newer than
 * the one last seen for that graph, so a notification and a poll never deliver the same version twice.
 */
import type { DatabaseHandle } from '../../drizzle/database.ts';
import type { SupergraphSource, SupergraphUpdate } from './supergraphSource.ts';
import { SUPERGRAPH_CHANNEL } from './channels.ts';
import { FeedRepository } from './FeedRepository.ts';

export interface SupergraphFeedOptions {
  /** Safety-net poll interval (config `supergraphPollMs`); 0 disables polling. */
  pollMs: number;
  /** Where errors of the background poll go (default: ignored; the next poll retries). */
  onError?: (error: unknown) => void;
}

export function createDatabaseSupergraphSource(
  database: DatabaseHandle,
  options: SupergraphFeedOptions,
): SupergraphSource {
  const repository = new FeedRepository(database.db);
  /** Highest version delivered (or loaded) per graph. */
  const seen = new Map<string, number>();
  const onError = options.onError ?? (() => {});

  const isNew = (graph: string, version: number): boolean => version > (seen.get(graph) ?? 0);

  return {
    async load(): Promise<SupergraphUpdate[]> {
      const latest = await repository.latestSupergraphs();
      for (const row of latest) if (isNew(row.graph, row.version)) seen.set(row.graph, row.version);
      return latest.map((row) => ({
        graph: row.graph,
        version: row.version,
        supergraphSdl: row.supergraphSdl,
      }));
    },

    async subscribe(onUpdate: (update: SupergraphUpdate) => void): Promise<() => Promise<void>> {
      let stopped = false;
      // One fetch at a time per graph, so a notification and a poll racing cannot deliver out of order.
      let queue: Promise<void> = Promise.resolve();
      const fetchNewer = (graph: string): Promise<void> => {
        queue = queue
          .then(async () => {
            if (stopped) return;
            const row = await repository.supergraphNewerThan(graph, seen.get(graph) ?? 0);
            if (!row || stopped || !isNew(row.graph, row.version)) return;
            seen.set(row.graph, row.version);
            onUpdate({
              graph: row.graph,
              version: row.version,
              supergraphSdl: row.supergraphSdl,
              ...(row.withdrawn ? { withdrawn: true } : {}),
            });
          })
          .catch(onError);
        return queue;
      };

      const unlisten = await database.listen(SUPERGRAPH_CHANNEL, (payload) => {
        let message: { graph?: unknown; version?: unknown };
        try {
          message = JSON.parse(payload) as { graph?: unknown; version?: unknown };
        } catch {
          return;
        }
        if (typeof message.graph !== 'string') return;
        if (typeof message.version === 'number' && !isNew(message.graph, message.version)) return;
        void fetchNewer(message.graph);
      });

      let timer: NodeJS.Timeout | undefined;
      let polling: Promise<void> = Promise.resolve();
      const poll = async (): Promise<void> => {
        try {
          const heads = await repository.supergraphHeads();
          for (const head of heads) if (isNew(head.graph, head.version)) await fetchNewer(head.graph);
        } catch (error) {
          onError(error);
        }
      };
      const schedule = (): void => {
        if (stopped || options.pollMs <= 0) return;
        timer = setTimeout(() => {
          polling = poll().finally(schedule);
        }, options.pollMs);
        timer.unref();
      };
      schedule();

      return async () => {
        stopped = true;
        if (timer) clearTimeout(timer);
        await unlisten();
        await polling.catch(() => {});
        await queue.catch(() => {});
      };
    },
  };
}
