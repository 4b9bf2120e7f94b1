/**
 * The access workflow's test bench: the real registry on a throwaway database (`tests/support/`:
 * in-memory PGlite, or PostgreSQL with TEST_DATABASE_URL) with the bootstrap's themes and graphs,
 * and the identities of the procedure — the administrator, two requesters, a publisher of each of
 * two agencies and an evaluator — each with a registry token. Agencies, users and the two subgraphs
 * go through the registry's own routes, so the supergraph of `semua` is composed and the field
 * metadata recorded as in production.
 */
import { readFile } from 'node:fs/promises';
import type { DatabaseHandle } from '../../drizzle/database.ts';
import type { AccessRequestView } from '../../registry/repositories/AccessRequestRepository.ts';
import type { ClientView } from '../../registry/repositories/ClientRepository.ts';
import type { CredentialView } from '../../registry/repositories/CredentialRepository.ts';
import type { GrantView } from '../../registry/repositories/GrantRepository.ts';
import type { Jsonified } from '../../registry/access/schemas.ts';
import { startTestRegistry } from '../support/registry.ts';
import type { Identity } from '../support/registry.ts';

export type { Identity } from '../support/registry.ts';

/** The API's responses as they arrive in JSON. */
export type RequestJson = Jsonified<AccessRequestView>;
export type ItemJson = RequestJson['items'][number];
export type DecisionJson = RequestJson['agencyDecisions'][number];
export type GrantJson = Jsonified<GrantView>;
export type ClientJson = Jsonified<ClientView>;
export type CredentialJson = Jsonified<CredentialView>;

export const GRAPH = 'semua';

export interface Harness {
  url: string;
  database: DatabaseHandle;
  admin: Identity;
  requester: Identity;
  otherRequester: Identity;
  /** Publisher of Disdukcapil (subgraph `dukcapil`: Penduduk, Query.penduduk, …). */
  publisherA: Identity;
  /** Publisher of Dinkes (subgraph `dinkes`: FasilitasKesehatan, Penduduk.statusVaksinasi, …). */
  publisherB: Identity;
  evaluator: Identity;
  agencies: { dukcapil: string; dinkes: string };
  // Response bodies are read as loose JSON: the assertions say what they must contain.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  call<T = any>(
    who: Identity | null,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

const fixture = (name: string) => readFile(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

export interface HarnessOptions {
  /** Runs on the database before any access request is stored (e.g. a pending schema change). */
  prepare?: (database: DatabaseHandle) => Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const registry = await startTestRegistry();
  try {
    if (options.prepare) await options.prepare(registry.database);
    const { admin, must } = registry;

    const dukcapil = await must(
      admin,
      'POST',
      '/v1/admin/agencies',
      { slug: 'disdukcapil', name: 'Dinas Kependudukan dan Pencatatan Sipil' },
      201,
    );
    const dinkes = await must(
      admin,
      'POST',
      '/v1/admin/agencies',
      { slug: 'dinkes', name: 'Dinas Kesehatan' },
      201,
    );
    await must(admin, 'POST', '/v1/admin/agencies', { slug: 'bappeda', name: 'Bappeda' }, 201);

    const user = async (
      name: string,
      email: string,
      role: string,
      extra: Record<string, string> = {},
    ): Promise<Identity> => {
      const created = await must(admin, 'POST', '/v1/admin/users', { name, email, role, ...extra }, 201);
      return { id: created.user.id, token: created.token.token };
    };
    const requester = await user('Rina Pemohon', 'rina@bappeda.test', 'requester', { agency: 'bappeda' });
    const otherRequester = await user('Budi Pemohon', 'budi@startup.test', 'requester', {
      organization: 'PT Startup',
    });
    const publisherA = await user('Ani Dukcapil', 'ani@dukcapil.test', 'publisher', {
      agency: 'disdukcapil',
    });
    const publisherB = await user('Bayu Dinkes', 'bayu@dinkes.test', 'publisher', { agency: 'dinkes' });
    const evaluator = await user('Evi Inspektorat', 'evi@inspektorat.test', 'evaluator');

    const publish = async (who: Identity, name: string, theme: string, port: number) =>
      must(
        who,
        'POST',
        '/v1/subgraphs/publish',
        {
          name,
          theme,
          routingUrl: `http://127.0.0.1:${port}/graphql`,
          schema: await fixture(`${name}.graphql`),
        },
        201,
      );
    await publish(publisherA, 'dukcapil', 'kependudukan', 4101);
    await publish(publisherB, 'dinkes', 'kesehatan', 4102);

    return {
      url: registry.url,
      database: registry.database,
      admin,
      requester,
      otherRequester,
      publisherA,
      publisherB,
      evaluator,
      agencies: { dukcapil: dukcapil.id, dinkes: dinkes.id },
      async call(who, method, path, body) {
        const response = await registry.call(who, method, path, body);
        return { status: response.status, body: response.body };
      },
      close: () => registry.close(),
    };
  } catch (error) {
    await registry.close();
    throw error;
  }
}

export function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString();
}
