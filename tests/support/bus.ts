/**
 * The whole bus for end-to-end tests: `startSystem` with the demo (real registry, gateway, subgraphs
 * and REST backends) on a fresh test database and data folder, and a registry caller.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fetch } from 'undici';
import { loadConfig } from '../../lib/config.ts';
import { startSystem, type RunningSystem } from '../../scripts/system.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export interface TestBus {
  system: RunningSystem;
  database: TestDatabase;
  dataDir: string;
  registryUrl: string;
  /** The all-themes graph's endpoint. */
  gatewayUrl: string;
  call<T = Record<string, unknown>>(token: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', route: string, body?: unknown): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

/** `env` adds settings, as an operator would (e.g. `PENGHUBUNG_RATE_PER_SECOND`). */
export async function startTestBus(prefix: string, env: Record<string, string> = {}): Promise<TestBus> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  const config = loadConfig({
    PENGHUBUNG_DATA_DIR: dataDir,
    PENGHUBUNG_GATEWAY_PORT: '0',
    PENGHUBUNG_REGISTRY_PORT: '0',
    PENGHUBUNG_DEMO_BASE_PORT: '0',
    ...env,
  });
  const database = await createTestDatabase();
  const system = await startSystem({ config, logger: false, database: database.handle });
  const registryUrl = system.registryUrl;
  return {
    system,
    database,
    dataDir,
    registryUrl,
    gatewayUrl: `${system.gatewayUrl}/graphql`,
    async call<T>(token: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', route: string, body?: unknown) {
      const response = await fetch(`${registryUrl}${route}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as T };
    },
    async close() {
      await system.close();
      await database.drop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
