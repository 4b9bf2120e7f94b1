/**
 * Checks a supergraph off the request path before a graph swaps it in. On a 50-subgraph graph,
 * loading a supergraph takes 0.5–2 s of synchronous work on the gateway's event loop, during which
 * every request in flight waits; validating it is about a third of that. A worker thread validates
 * instead, with the engine the gateway uses (@apollo/federation-internals as @apollo/gateway
 * resolves it): `Supergraph.build` with validation and the API schema. Only a supergraph that passes
 * is handed to the gateway, which then loads it without validating it again (`validateSupergraph:
 * false`, and `assumeValidSupergraph`, which skips graphql-js's SDL validation of the supergraph and
 * API schemas: a patch of @apollo/gateway, patches/README.md): a broken supergraph never touches the
 * graph being served. The query planner is not built
 * here: it is the most expensive part, the gateway builds it anyway, and on a machine whose cores are
 * busy a second build competes with the requests for CPU (bench/README.md, `supergraphSwap`).
 *
 * One worker per process, started on first use and restarted if it dies; checks run one at a time
 * in order. The worker does not keep the process alive.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

interface CheckReply {
  id: number;
  ok: boolean;
  message?: string;
}

// The worker is CommonJS evaluated from this string: it loads only the engine's packages (by absolute
// path), so it needs no TypeScript loader whatever runs the gateway (node, tsx, vitest).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { Supergraph } = require(workerData.internals);
parentPort.on('message', ({ id, supergraphSdl }) => {
  try {
    const supergraph = Supergraph.build(supergraphSdl, { validateSupergraph: true });
    // Both schemas the gateway builds, through graphql-js's SDL validation, which the gateway then skips.
    supergraph.schema.toGraphQLJSSchema();
    supergraph.apiSchema().toGraphQLJSSchema();
    parentPort.postMessage({ id, ok: true });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
`;

function engineModules(): { internals: string } {
  const require = createRequire(import.meta.url);
  const gatewayDir = path.dirname(require.resolve('@apollo/gateway'));
  return { internals: require.resolve('@apollo/federation-internals', { paths: [gatewayDir] }) };
}

let worker: Worker | undefined;
let nextId = 0;
const waiting = new Map<number, (reply: CheckReply) => void>();

function checker(): Worker {
  if (worker) return worker;
  const started = new Worker(WORKER_SOURCE, { eval: true, workerData: engineModules() });
  started.unref();
  started.on('message', (reply: CheckReply) => {
    const resolve = waiting.get(reply.id);
    waiting.delete(reply.id);
    resolve?.(reply);
  });
  const fail = (message: string) => {
    if (worker === started) worker = undefined;
    for (const [id, resolve] of waiting) resolve({ id, ok: false, message });
    waiting.clear();
  };
  started.on('error', (error) => fail(`supergraph check failed: ${error.message}`));
  started.on('exit', (code) => fail(`supergraph check stopped (exit ${code})`));
  worker = started;
  return started;
}

/** Null when the supergraph loads (valid, with an API schema and a query planner); else why not. */
export function checkSupergraph(supergraphSdl: string): Promise<string | null> {
  const id = nextId++;
  const running = checker();
  return new Promise((resolve) => {
    waiting.set(id, (reply) => resolve(reply.ok ? null : (reply.message ?? 'supergraph check failed')));
    // While a check is pending the worker keeps the process alive: an answer is awaited.
    running.ref();
    running.postMessage({ id, supergraphSdl });
  }).finally(() => {
    if (waiting.size === 0) worker?.unref();
  }) as Promise<string | null>;
}
