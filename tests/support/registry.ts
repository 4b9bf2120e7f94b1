/**
 * A real registry for a test file: a throwaway database (see database.ts), the bootstrap (standard
 * themes, graph `semua` and one graph per theme, an administrator), and `buildRegistry` listening on
 * 127.0.0.1 port 0. `call` speaks HTTP to it with a registry token.
 */
import { ensureBootstrap } from '../../registry/bootstrap.ts';
import { buildRegistryWithDeps } from '../../registry/buildRegistry.ts';
import type { RegistryOptions } from '../../registry/buildRegistry.ts';
import type { RegistryConfig, RegistryDeps } from '../../registry/deps.ts';
import type { DatabaseHandle } from '../../drizzle/database.ts';
import { createTestDatabase } from './database.ts';
import type { TestDatabase } from './database.ts';

export interface Identity {
  id: string;
  token: string;
}

export interface CallResult<T> {
  status: number;
  contentType: string;
  body: T;
}

export interface TestRegistry {
  url: string;
  database: DatabaseHandle;
  deps: RegistryDeps;
  admin: Identity;
  // Bodies are loose JSON in tests: assertions say what they must contain.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  call<T = any>(
    who: Identity | string | null,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<CallResult<T>>;
  /** Like `call`, but throws unless the status is `status`; returns the body. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  must<T = any>(
    who: Identity | string | null,
    method: string,
    path: string,
    body: unknown,
    status: number,
  ): Promise<T>;
  close(): Promise<void>;
}

export const testConfig: RegistryConfig = {
  maxSchemaBytes: 64 * 1024,
  trafficWindowDays: 30,
  logLevel: 'silent',
};

export async function startTestRegistry(
  options: Partial<Omit<RegistryOptions, 'database'>> = {},
): Promise<TestRegistry> {
  const testDatabase: TestDatabase = await createTestDatabase();
  const database = testDatabase.handle;
  try {
    const bootstrap = await ensureBootstrap(database, {
      adminName: 'Admin Kominfo',
      adminEmail: 'admin@kominfo.test',
    });
    if (!bootstrap.adminToken) throw new Error('bootstrap did not create the administrator');
    const { app, deps } = await buildRegistryWithDeps({
      ...options,
      database,
      config: options.config ?? testConfig,
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const me = await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${bootstrap.adminToken}` } });
    const admin: Identity = {
      id: ((await me.json()) as { userId: string }).userId,
      token: bootstrap.adminToken,
    };

    const call = async <T>(
      who: Identity | string | null,
      method: string,
      path: string,
      body?: unknown,
    ): Promise<CallResult<T>> => {
      const token = who === null ? null : typeof who === 'string' ? who : who.token;
      const response = await fetch(`${url}${path}`, {
        method,
        headers: {
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const contentType = response.headers.get('content-type') ?? '';
      const text = await response.text();
      const parsed =
        contentType.includes('application/json') && text !== '' ? (JSON.parse(text) as T) : (text as T);
      return { status: response.status, contentType, body: parsed };
    };
    const must = async <T>(
      who: Identity | string | null,
      method: string,
      path: string,
      body: unknown,
      status: number,
    ): Promise<T> => {
      const response = await call<T>(who, method, path, body);
      if (response.status !== status) {
        throw new Error(
          `${method} ${path}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`,
        );
      }
      return response.body;
    };
    return {
      url,
      database,
      deps,
      admin,
      call,
      must,
      async close() {
        await app.close();
        await testDatabase.drop();
      },
    };
  } catch (error) {
    await testDatabase.drop();
    throw error;
  }
}
