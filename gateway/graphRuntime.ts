import { ApolloGateway } from '@apollo/gateway';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GatewayContext } from './context.ts';
import { GatewayDataSource, type SubgraphCallSigner } from './dataSource.ts';
import type { Fetcher } from './fetcher.ts';
import type { SupergraphUpdate } from './supergraphSource.ts';

export interface GraphRuntimeDeps {
  fetcher: Fetcher;
  signer?: SubgraphCallSigner;
  /** `server` gives the graph's own server once it exists (to run a trimmed operation through it). */
  plugins: (graph: string, server: () => ApolloServer<GatewayContext>) => ApolloServerPlugin<GatewayContext>[];
  onError: (message: string, error: unknown) => void;
}

type SupergraphUpdater = (supergraphSdl: string) => void;

/**
 * One graph served by the gateway: an @apollo/gateway instance behind its own Apollo Server, fed by
 * the registry. A new supergraph is swapped in with the gateway's `update`; requests already running
 * keep the schema and plans they started with.
 */
export class GraphRuntime {
  readonly name: string;
  readonly server: ApolloServer<GatewayContext>;
  private servedVersion: number;
  private updater: SupergraphUpdater | undefined;
  private pending: Promise<void> = Promise.resolve();

  private constructor(name: string, server: ApolloServer<GatewayContext>, version: number) {
    this.name = name;
    this.server = server;
    this.servedVersion = version;
  }

  get version(): number {
    return this.servedVersion;
  }

  static async start(initial: SupergraphUpdate, deps: GraphRuntimeDeps): Promise<GraphRuntime> {
    let capturedUpdater: SupergraphUpdater | undefined;
    const gateway = new ApolloGateway({
      supergraphSdl: async ({ update }) => {
        capturedUpdater = update;
        return { supergraphSdl: initial.supergraphSdl };
      },
      buildService: ({ name, url }) =>
        new GatewayDataSource({ name, url: url ?? '', fetcher: deps.fetcher, ...(deps.signer ? { signer: deps.signer } : {}) }),
    });
    // Plugins get the server lazily: it is only called while serving requests, after construction.
    const ownServer = (): ApolloServer<GatewayContext> => server;
    const server = new ApolloServer<GatewayContext>({
      gateway,
      introspection: true,
      csrfPrevention: true,
      includeStacktraceInErrorResponses: false,
      // The gateway owns shutdown: it stops accepting, drains, then stops each graph's server.
      stopOnTerminationSignals: false,
      plugins: [ApolloServerPluginLandingPageDisabled(), ...deps.plugins(initial.graph, ownServer)],
    });
    await server.start();
    const runtime = new GraphRuntime(initial.graph, server, initial.version);
    runtime.updater = capturedUpdater;
    return runtime;
  }

  /** Swaps in a newer supergraph; older or equal versions are ignored. Updates apply in order. */
  apply(update: SupergraphUpdate, onError: GraphRuntimeDeps['onError']): Promise<void> {
    this.pending = this.pending.then(() => {
      if (update.version <= this.servedVersion || !this.updater) return;
      try {
        this.updater(update.supergraphSdl);
        this.servedVersion = update.version;
      } catch (error) {
        // The registry only publishes supergraphs that composed; if one still fails to load here,
        // the graph keeps serving what it had.
        onError(`supergraph ${update.graph} v${update.version} could not be loaded; keeping v${this.servedVersion}`, error);
      }
    });
    return this.pending;
  }

  async stop(): Promise<void> {
    await this.server.stop();
  }
}
