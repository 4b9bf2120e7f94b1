/**
 * Child processes of the gateway benchmarks, so that no part is charged for another's work: one runs
 * the four demo agencies (REST backends and subgraphs, verifying the gateway token as in production),
 * another generates the load (bench/support/load.ts). The bench process keeps the gateways.
 *
 *   const agencies = startChild('agencies');
 *   const subgraphs = await agencies.call<StartedSubgraph[]>('start', { publicKeyPem });
 *   const load = startChild('load');
 *   const result = await load.call<LoadResult & { clientElu: number }>('load', options, onMeasureStart);
 *
 * Each child is `bench/support/child.ts --role <role>`, forked with plain `--import tsx` (not the
 * parent's flags: a `--cpu-prof` given to the bench profiles the gateways only), and answers requests
 * over the IPC channel. bench/authorizationGateway.bench.ts has its own copy of the same roles.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createGatewayTokenVerifier } from '../../lib/gatewayToken.ts';
import { startDemoAgencies, type DemoAgencySlug } from '../../subgraphs/index.ts';
import { runLoad, type LoadOptions } from './load.ts';

/** `gateway`: one gateway under test per process (bench/support/gatewayVariants.ts). */
export type ChildRole = 'agencies' | 'load' | 'gateway';
export type EluSnapshot = Pick<EventLoopUtilization, 'idle' | 'active'>;
/** What the agencies child's `start` answers: each demo subgraph's URL. */
export interface StartedSubgraph {
  slug: DemoAgencySlug;
  url: string;
}

interface RpcRequest {
  id: number;
  type: string;
  payload?: unknown;
}
interface RpcReply {
  id: number;
  kind: 'reply' | 'event';
  value?: unknown;
  error?: string;
}

export interface Child {
  process: ChildProcess;
  /** Sends a request; `onEvent` receives what the handler reports before it answers. */
  call<T>(type: string, payload?: unknown, onEvent?: (value: unknown) => void): Promise<T>;
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill();
});

export function startChild(role: ChildRole, options: { cpuProfileDir?: string; nodeFlags?: readonly string[] } = {}): Child {
  // `cpuProfileDir`: the child writes a V8 CPU profile there when it exits (node --cpu-prof).
  // `nodeFlags`: Node.js flags of the child, e.g. a Penghubung gateway's production ones (gateway/nodeFlags.ts).
  const profile = options.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir] : [];
  const child = fork(fileURLToPath(new URL('./child.ts', import.meta.url)), ['--role', role], {
    execArgv: [...(options.nodeFlags ?? []), '--import', 'tsx', ...profile],
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    serialization: 'advanced',
  });
  children.add(child);
  let nextId = 0;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void; onEvent?: (value: unknown) => void }>();
  child.on('message', (reply: RpcReply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    if (reply.kind === 'event') return waiting.onEvent?.(reply.value);
    pending.delete(reply.id);
    if (reply.error) waiting.reject(new Error(`${role} child: ${reply.error}`));
    else waiting.resolve(reply.value);
  });
  child.on('exit', (code, signal) => {
    children.delete(child);
    for (const waiting of pending.values()) waiting.reject(new Error(`${role} child exited (${code ?? signal})`));
    pending.clear();
  });
  return {
    process: child,
    call<T>(type: string, payload?: unknown, onEvent?: (value: unknown) => void): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject, ...(onEvent ? { onEvent } : {}) });
        child.send({ id, type, payload } satisfies RpcRequest);
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.disconnect();
      const timer = setTimeout(() => child.kill(), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Serves `handlers` over the IPC channel of this (forked) process. */
export function serveRpc(handlers: Record<string, (payload: unknown, event: (value: unknown) => void) => Promise<unknown>>): void {
  process.on('message', (message: RpcRequest) => {
    const send = (reply: RpcReply) => process.send?.(reply);
    const handler = handlers[message.type];
    if (!handler) {
      send({ id: message.id, kind: 'reply', error: `unknown request ${message.type}` });
      return;
    }
    handler(message.payload, (value) => send({ id: message.id, kind: 'event', value })).then(
      (value) => send({ id: message.id, kind: 'reply', value }),
      (error: unknown) =>
        send({ id: message.id, kind: 'reply', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
}

/**
 * The agencies child: `start` ({ publicKeyPem }) → the subgraphs' URLs; `elu` → its event-loop usage
 * so far. Without `publicKeyPem` the subgraphs take calls without a gateway token (a stock gateway
 * sends none: bench/sideBySide.bench.ts).
 */
export function serveAgencies(): void {
  let agencies: Awaited<ReturnType<typeof startDemoAgencies>> | undefined;
  serveRpc({
    async start(payload) {
      const { publicKeyPem } = payload as { publicKeyPem?: string };
      // As scripts/system.ts: the subgraphs verify the gateway's token with its public key.
      agencies = await startDemoAgencies(
        publicKeyPem ? { gatewayTokenVerifier: createGatewayTokenVerifier(createPublicKey(publicKeyPem)) } : {},
      );
      return agencies.agencies.map((entry) => ({ slug: entry.agency.slug, url: entry.subgraphUrl }) satisfies StartedSubgraph);
    },
    async elu() {
      const { idle, active } = performance.eventLoopUtilization();
      return { idle, active } satisfies EluSnapshot;
    },
  });
  process.on('disconnect', () => {
    void (agencies?.close() ?? Promise.resolve()).finally(() => process.exit(0));
  });
}

/** The load child: `load` (LoadOptions) → the LoadResult and the client's own ELU; reports 'measuring' when the measured run starts. */
export function serveLoad(): void {
  serveRpc({
    async load(payload, event) {
      const options = payload as Omit<LoadOptions, 'onMeasureStart'>;
      let measuring = performance.eventLoopUtilization();
      const result = await runLoad({
        ...options,
        onMeasureStart: () => {
          measuring = performance.eventLoopUtilization();
          event('measuring');
        },
      });
      return { ...result, clientElu: performance.eventLoopUtilization(measuring).utilization };
    },
  });
  process.on('disconnect', () => process.exit(0));
}

/** Utilization between two ELU snapshots (e.g. of another process). */
export function eluBetween(end: EluSnapshot, start: EluSnapshot): number {
  const active = end.active - start.active;
  const idle = end.idle - start.idle;
  return active / Math.max(1e-9, active + idle);
}
