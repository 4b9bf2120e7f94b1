/**
 * Real gateway processes (`gateway/main.ts`) for tests and benchmarks that need several gateways on
 * one PostgreSQL database. A process is ready once it prints its JSON line `{"gateway": url, "pid": n}`;
 * `stop()` sends SIGTERM (drain, exit 0). Also: reading a gateway's `/health` and waiting until it
 * serves given supergraph versions.
 *
 * The process is `node <GATEWAY_NODE_FLAGS> --import tsx gateway/main.ts`, as production starts it, not the `tsx` command (`npm run start:gateway`):
 * the tsx 4 command relays SIGTERM to its child and SIGKILLs it (exit 143) when the child has not
 * acknowledged within 30 ms, which a gateway busy swapping a supergraph, or a loaded machine, easily
 * misses. The drain under test would then depend on timing.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GATEWAY_NODE_FLAGS } from '../../gateway/nodeFlags.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface GatewayProcessOptions {
  /** DATABASE_URL of the gateway (PostgreSQL). */
  databaseUrl: string;
  /** PENGHUBUNG_DATA_DIR: its `keys/` folder is shared by every gateway of the installation. */
  dataDir: string;
  /** PENGHUBUNG_LOG_LEVEL (default `warn`). */
  logLevel?: string;
  /** More environment (e.g. PENGHUBUNG_SUPERGRAPH_POLL_MS). */
  env?: Record<string, string>;
  /** How long to wait for the ready line (default 90 s: tsx compiles on a cold start). */
  readyTimeoutMs?: number;
}

export interface GatewayProcess {
  /** `http://127.0.0.1:<port>` as printed by the process. */
  url: string;
  pid: number;
  child: ChildProcess;
  /** Everything the process wrote so far (stdout and stderr), for failure messages. */
  output(): string;
  /** The exit code (null when ended by a signal). */
  exited: Promise<number | null>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** The environment of a gateway process: the parent's, without any Penghubung setting of its own. */
function gatewayEnvironment(options: GatewayProcessOptions): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('PENGHUBUNG_') && name !== 'DATABASE_URL',
    ),
  );
  return {
    ...inherited,
    DATABASE_URL: options.databaseUrl,
    PENGHUBUNG_DATA_DIR: options.dataDir,
    PENGHUBUNG_GATEWAY_PORT: '0',
    PENGHUBUNG_LOG_LEVEL: options.logLevel ?? 'warn',
    ...options.env,
  };
}

export function startGatewayProcess(options: GatewayProcessOptions): Promise<GatewayProcess> {
  const child = spawn(process.execPath, [...GATEWAY_NODE_FLAGS, '--import', 'tsx', path.join('gateway', 'main.ts')], {
    cwd: root,
    env: gatewayEnvironment(options),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

  return new Promise<GatewayProcess>((resolve, reject) => {
    let pending = '';
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const timer = setTimeout(
      () =>
        settle(() => {
          child.kill('SIGKILL');
          reject(new Error(`gateway process did not print its ready line:\n${output}`));
        }),
      options.readyTimeoutMs ?? 90_000,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        let ready: { gateway?: unknown; pid?: unknown };
        try {
          ready = JSON.parse(line) as { gateway?: unknown; pid?: unknown };
        } catch {
          continue;
        }
        if (typeof ready.gateway !== 'string' || typeof ready.pid !== 'number') continue;
        const url = ready.gateway;
        const pid = ready.pid;
        settle(() =>
          resolve({
            url,
            pid,
            child,
            output: () => output,
            exited,
            stop: () => {
              if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
              return exited;
            },
          }),
        );
      }
    });
    void exited.then((code) =>
      settle(() => reject(new Error(`gateway process exited (${code}) before it was ready:\n${output}`))),
    );
  });
}

export interface GatewayHealth {
  status: string;
  graphs: { name: string; version: number }[];
}

export async function gatewayHealth(gatewayUrl: string): Promise<GatewayHealth> {
  const response = await fetch(`${gatewayUrl}/health`);
  return (await response.json()) as GatewayHealth;
}

/** `{ graph: version }` of what a gateway serves. */
export async function servedVersions(gatewayUrl: string): Promise<Record<string, number>> {
  const health = await gatewayHealth(gatewayUrl);
  return Object.fromEntries(health.graphs.map((graph) => [graph.name, graph.version]));
}

/** True when the gateway serves at least these versions of these graphs. */
export function serves(
  served: Record<string, number>,
  wanted: readonly { graph: string; version: number }[],
): boolean {
  return wanted.every((entry) => (served[entry.graph] ?? 0) >= entry.version);
}

/**
 * Polls `/health` every `intervalMs` until the gateway serves `wanted`; resolves to when it first did
 * (`performance.now()`), or throws after `timeoutMs` naming what it served last.
 */
export async function waitUntilServed(
  gatewayUrl: string,
  wanted: readonly { graph: string; version: number }[],
  options: { intervalMs?: number; timeoutMs?: number } = {},
): Promise<number> {
  const deadline = performance.now() + (options.timeoutMs ?? 120_000);
  let last: Record<string, number> = {};
  for (;;) {
    try {
      last = await servedVersions(gatewayUrl);
      if (serves(last, wanted)) return performance.now();
    } catch {
      // Not answering yet (or closing): try again until the deadline.
    }
    if (performance.now() > deadline) {
      throw new Error(
        `${gatewayUrl} still serves ${JSON.stringify(last)}; waited for ${JSON.stringify(wanted)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 10));
  }
}
