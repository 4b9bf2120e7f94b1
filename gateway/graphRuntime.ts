import { ApolloGateway } from '@apollo/gateway';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError, ParseOptions, ValidationRule } from 'graphql';
import type { GatewayContext } from './context.ts';
import { GatewayDataSource, type SubgraphCallSigner } from './dataSource.ts';
import type { Fetcher } from './fetcher.ts';
import type { SupergraphUpdate } from '../lib/feed/supergraphSource.ts';
import { checkSupergraph } from './supergraphCheck.ts';

export interface GraphRuntimeDeps {
  /** The fetcher of one subgraph (its deadline and circuit, gateway/fetcher.ts). */
  fetcherFor: (subgraph: string) => Fetcher;
  signer?: SubgraphCallSigner;
  /** `server` gives the graph's own server once it exists (to run a trimmed operation through it). */
  plugins: (graph: string, server: () => ApolloServer<GatewayContext>) => ApolloServerPlugin<GatewayContext>[];
  onError: (message: string, error: unknown) => void;
  /**
   * Server options of one graph that are not plugins: validation rules and parse options (the
   * operation limits, which must run before planning) and the error formatter. `supergraph` gives
   * the SDL the graph serves now.
   */
  serverOptions?: (graph: string, supergraph: () => string) => GraphServerOptions;
  /** Least time between two swaps of one graph (MIN_SWAP_INTERVAL_MS unless told); see `GraphRuntime.apply`. */
  minSwapIntervalMs?: number;
}

/**
 * Least time between two supergraph swaps of one graph. A swap blocks the event loop while the new
 * schema and query planner are built (0.1–0.7 s on a 50-subgraph graph, bench/README.md); a publisher
 * that publishes again and again (a hostile agency, or a broken pipeline) would otherwise keep every
 * gateway stalling. Versions that arrive meanwhile are not lost: the newest is swapped in once the
 * interval has passed.
 */
export const MIN_SWAP_INTERVAL_MS = 2_000;

export interface GraphServerOptions {
  validationRules?: ValidationRule[];
  parseOptions?: ParseOptions;
  formatError?: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

type SupergraphUpdater = (supergraphSdl: string) => void;

/**
 * One graph served by the gateway: an @apollo/gateway instance behind its own Apollo Server, fed by
 * the registry. A new supergraph is first validated in a worker thread (gateway/supergraphCheck.ts,
 * off the event loop); only one that passes is swapped in, with the gateway's `update`, which then
 * skips validating it again (building the schema and the query planner still runs on the event loop). A broken one is
 * reported and the graph keeps serving what it had. Requests already running keep the schema and
 * plans they started with.
 */
export class GraphRuntime {
  readonly name: string;
  readonly server: ApolloServer<GatewayContext>;
  private servedVersion: number;
  private updater: SupergraphUpdater | undefined;
  private pending: Promise<void> = Promise.resolve();
  private servedSdl: string;
  /** The newest version handed to `apply`: an older one still queued is skipped. */
  private newestQueued: number;
  private lastSwapAt: number;
  private swapCount = 0;
  private stopped = false;
  private readonly minSwapIntervalMs: number;

  private constructor(name: string, server: ApolloServer<GatewayContext>, version: number, sdl: string, minSwapIntervalMs: number) {
    this.name = name;
    this.server = server;
    this.servedVersion = version;
    this.servedSdl = sdl;
    this.newestQueued = version;
    // Building the first version blocked the event loop as a swap does.
    this.lastSwapAt = performance.now();
    this.minSwapIntervalMs = minSwapIntervalMs;
  }

  /** Supergraphs swapped in since the graph started (the first not counted). */
  get swaps(): number {
    return this.swapCount;
  }

  /** The supergraph SDL this graph serves now. */
  get supergraphSdl(): string {
    return this.servedSdl;
  }

  get version(): number {
    return this.servedVersion;
  }

  static async start(initial: SupergraphUpdate, deps: GraphRuntimeDeps): Promise<GraphRuntime> {
    const problem = await checkSupergraph(initial.supergraphSdl);
    if (problem) throw new Error(`supergraph ${initial.graph} v${initial.version} does not load: ${problem}`);
    let capturedUpdater: SupergraphUpdater | undefined;
    const gateway = new ApolloGateway({
      // Validated by checkSupergraph, in a worker, before the gateway sees it: neither federation's
      // validation nor graphql-js's SDL validation (a patch, patches/README.md) runs again on the event loop.
      validateSupergraph: false,
      assumeValidSupergraph: true,
      supergraphSdl: async ({ update }) => {
        capturedUpdater = update;
        return { supergraphSdl: initial.supergraphSdl };
      },
      buildService: ({ name, url }) =>
        new GatewayDataSource({ name, url: url ?? '', fetcher: deps.fetcherFor(name), ...(deps.signer ? { signer: deps.signer } : {}) }),
    });
    // Plugins get the server lazily: it is only called while serving requests, after construction.
    const ownServer = (): ApolloServer<GatewayContext> => server;
    // The limits read the supergraph the graph serves at the time of each request.
    const started: { runtime?: GraphRuntime } = {};
    const serverOptions = deps.serverOptions?.(initial.graph, () => started.runtime?.supergraphSdl ?? initial.supergraphSdl) ?? {};
    const server = new ApolloServer<GatewayContext>({
      gateway,
      introspection: true,
      csrfPrevention: true,
      includeStacktraceInErrorResponses: false,
      // The gateway owns shutdown: it stops accepting, drains, then stops each graph's server.
      stopOnTerminationSignals: false,
      ...serverOptions,
      plugins: [ApolloServerPluginLandingPageDisabled(), ...deps.plugins(initial.graph, ownServer)],
    });
    await server.start();
    const runtime = new GraphRuntime(initial.graph, server, initial.version, initial.supergraphSdl, deps.minSwapIntervalMs ?? MIN_SWAP_INTERVAL_MS);
    runtime.updater = capturedUpdater;
    started.runtime = runtime;
    return runtime;
  }

  /**
   * Swaps in a newer supergraph; older or equal versions are ignored. Updates apply in order, and at
   * most one swap per `minSwapIntervalMs`: an update that has to wait, or that a newer one has joined
   * in the queue, gives way to the newest, so a burst of versions costs one swap, not one each.
   */
  apply(update: SupergraphUpdate, onError: GraphRuntimeDeps['onError']): Promise<void> {
    this.newestQueued = Math.max(this.newestQueued, update.version);
    this.pending = this.pending.then(async () => {
      if (!this.current(update)) return;
      const wait = this.lastSwapAt + this.minSwapIntervalMs - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (!this.current(update)) return;
      const problem = await checkSupergraph(update.supergraphSdl);
      if (problem) {
        onError(`supergraph ${update.graph} v${update.version} does not load; keeping v${this.servedVersion}`, new Error(problem));
        return;
      }
      if (!this.current(update)) return;
      try {
        this.updater!(update.supergraphSdl);
        this.servedVersion = update.version;
        this.servedSdl = update.supergraphSdl;
        this.swapCount += 1;
      } catch (error) {
        // The registry only publishes supergraphs that composed; if one still fails to load here,
        // the graph keeps serving what it had.
        onError(`supergraph ${update.graph} v${update.version} could not be loaded; keeping v${this.servedVersion}`, error);
      } finally {
        this.lastSwapAt = performance.now();
      }
    });
    return this.pending;
  }

  /** Whether `update` is still worth swapping in: newer than what is served, and no newer one queued. */
  private current(update: SupergraphUpdate): boolean {
    return !this.stopped && this.updater !== undefined && update.version > this.servedVersion && update.version >= this.newestQueued;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.server.stop();
  }
}
