/**
 * One installation (the real bus: registry, gateway, database) holding every federation fixture
 * side by side, each as its own theme and graph, published through the registry by the fixture
 * agencies. Every subgraph runs twice over the same data: guarded (gateway token required, field
 * guard on, the routing URL the registry publishes) and plain (for the stock @apollo/gateway, which
 * signs no token). Calls to the guarded instances are counted.
 */
import path from 'node:path';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Kind, parse } from 'graphql';
import { fetch } from 'undici';
import { expect } from 'vitest';
import { GATEWAY_JWKS_FILE } from '../../gateway/signingKey.ts';
import { createGatewayTokenVerifier, jwksFile } from '../../lib/gatewayToken.ts';
import type { GatewayTokenVerifier } from '../../lib/gatewayToken.ts';
import { buildSubgraphServer, type SubgraphServer } from '../../subgraphs/shared/subgraphServer.ts';
import { startTestBus, type TestBus } from '../support/bus.ts';
import { postGraphQL, type GraphQLResponse } from '../support/graphql.ts';
import { FIXTURE_AGENCIES, type FederationFixture, type FixtureAgency } from './fixture.ts';

export const DROP_HEADER = { 'x-penghubung-denied-fields': 'drop' };

interface ItemJson {
  coordinate: string;
  agency: { slug: string };
}

export interface PublishedFixture {
  fixture: FederationFixture;
  /** The Penghubung gateway's endpoint of the fixture's graph. */
  gatewayUrl: string;
  /** A stock @apollo/gateway + @apollo/server on the same supergraph SDL. */
  stockUrl: string;
  /** Calls that reached the guarded subgraph instances (what the Penghubung gateway calls). */
  hits(): number;
  /** The items (coordinate, owning agency) the full client's `*` request was stored with. */
  items: { coordinate: string; agency: string }[];
  /** Each subgraph's routing URL as published. */
  routingUrls: ReadonlyMap<string, string>;
}

export interface FederationInstallation {
  bus: TestBus;
  /** Holds every field of every fixture graph. */
  fullKey: string;
  /** Holds every field but each fixture's `withheld`. */
  partialKey: string;
  publish(fixture: FederationFixture): Promise<PublishedFixture>;
  /** The publisher token of a fixture agency. */
  publisherToken(agency: FixtureAgency): string;
  close(): Promise<void>;
}

const yearFromNow = () => new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();

export async function startInstallation(): Promise<FederationInstallation> {
  const bus = await startTestBus('penghubung-federation-', { PENGHUBUNG_SUPERGRAPH_POLL_MS: '200' });
  const closers: (() => Promise<unknown>)[] = [() => bus.close()];
  const admin = bus.system.demo!.adminToken;
  const must = async <T = Record<string, unknown>>(token: string, method: 'GET' | 'POST' | 'PUT', route: string, body: unknown, status: number[]) => {
    const response = await bus.call<T>(token, method, route, body);
    if (!status.includes(response.status)) {
      throw new Error(`${method} ${route} → ${response.status}: ${JSON.stringify(response.body).slice(0, 2000)}`);
    }
    return response.body;
  };

  type CreatedUser = { token: { token: string } };
  const publishers = {} as Record<FixtureAgency, string>;
  for (const slug of FIXTURE_AGENCIES) {
    await must(admin, 'POST', '/v1/admin/agencies', { slug, name: `PD ${slug.toUpperCase()}` }, [201]);
    publishers[slug] = (
      await must<CreatedUser>(admin, 'POST', '/v1/admin/users', { name: `Publisher ${slug}`, email: `publisher@${slug}.test`, role: 'publisher', agency: slug }, [201])
    ).token.token;
  }
  const requester = (
    await must<CreatedUser>(admin, 'POST', '/v1/admin/users', { name: 'Pengembang', email: 'dev@fixture.test', role: 'requester', organization: 'Bappeda' }, [201])
  ).token.token;
  const newClient = async (name: string) =>
    (await must<{ id: string }>(requester, 'POST', '/v1/clients', { name, organization: 'Bappeda', contact: 'dev@fixture.test' }, [201])).id;
  const fullClient = await newClient('Klien Lengkap');
  const partialClient = await newClient('Klien Sebagian');
  let keys: { full: string; partial: string } | null = null;
  const verifier: GatewayTokenVerifier = createGatewayTokenVerifier(jwksFile(path.join(bus.dataDir, 'keys', GATEWAY_JWKS_FILE)));

  /** Every field of the graph for `clientId`; each owner grants all of its part but `withheld`. */
  const requestAndGrant = async (graph: string, clientId: string, withheld: readonly string[]) => {
    const request = await must<{ id: string; items: ItemJson[] }>(requester, 'POST', '/v1/access-requests', {
      clientId,
      graph,
      coordinates: ['*'],
      purpose: 'Uji kesetaraan dengan gateway standar',
      legalBasis: 'Perbup Pacitan 138/2023 Pasal 5',
      periodStart: new Date(Date.now() - 60_000).toISOString(),
      periodEnd: yearFromNow(),
    }, [201]);
    await must(admin, 'POST', `/v1/access-requests/${request.id}/approve`, { reason: 'Sesuai' }, [200]);
    for (const agency of FIXTURE_AGENCIES) {
      const own = request.items.filter((item) => item.agency.slug === agency).map((item) => item.coordinate);
      if (own.length === 0) continue;
      const granted = [...new Set(own.filter((coordinate) => !withheld.includes(coordinate)))];
      if (granted.length === 0) {
        await must(publishers[agency], 'POST', `/v1/access-requests/${request.id}/decline`, { reason: 'Tidak dibagikan' }, [200]);
      } else {
        await must(publishers[agency], 'POST', `/v1/access-requests/${request.id}/grant`, { reason: 'Diberikan', coordinates: granted }, [200]);
      }
    }
    return request.items;
  };

  const installation: FederationInstallation = {
    bus,
    get fullKey() {
      if (!keys) throw new Error('no fixture published yet');
      return keys.full;
    },
    get partialKey() {
      if (!keys) throw new Error('no fixture published yet');
      return keys.partial;
    },
    async publish(fixture) {
      await must(admin, 'POST', '/v1/admin/themes', { slug: fixture.name, name: `Fixture ${fixture.name}` }, [201]);
      await must(admin, 'POST', '/v1/admin/graphs', { name: fixture.name, themes: [fixture.name] }, [201]);
      let hits = 0;
      const plainUrls = new Map<string, string>();
      const routingUrls = new Map<string, string>();
      for (const subgraph of fixture.subgraphs) {
        const common = { name: subgraph.name, agency: subgraph.agency, typeDefs: subgraph.sdl, resolvers: subgraph.resolvers, createContext: (base: object) => base };
        const guarded: SubgraphServer = buildSubgraphServer({ ...common, gatewayTokenVerifier: verifier } as Parameters<typeof buildSubgraphServer>[0]);
        guarded.app.addHook('onRequest', async (request) => {
          if (request.url.startsWith('/graphql')) hits += 1;
        });
        const plain: SubgraphServer = buildSubgraphServer(common as Parameters<typeof buildSubgraphServer>[0]);
        const routingUrl = await guarded.listen({ host: '127.0.0.1', port: 0 });
        routingUrls.set(subgraph.name, routingUrl);
        plainUrls.set(subgraph.name, await plain.listen({ host: '127.0.0.1', port: 0 }));
        closers.push(() => guarded.close(), () => plain.close());
        const outcome = await must<{ pending?: boolean; changeId?: string; owners?: FixtureAgency[] }>(
          publishers[subgraph.agency], 'POST', '/v1/subgraphs/publish', { name: subgraph.name, theme: fixture.name, routingUrl, schema: subgraph.sdl }, [200, 201, 202]);
        // A publish reaching another agency's fields waits for that agency's consent: the owners give it.
        if (outcome.pending) {
          for (const owner of outcome.owners ?? []) {
            await must(publishers[owner], 'POST', `/v1/cross-agency-changes/${outcome.changeId}/accept`, {}, [200]);
          }
        }
      }
      const items = (await requestAndGrant(fixture.name, fullClient, [])).map((item) => ({ coordinate: item.coordinate, agency: item.agency.slug }));
      await requestAndGrant(fixture.name, partialClient, fixture.withheld);
      if (!keys) {
        const issue = async (clientId: string) =>
          (await must<{ apiKey: string }>(requester, 'POST', `/v1/clients/${clientId}/credentials`, { label: 'uji' }, [201])).apiKey;
        keys = { full: await issue(fullClient), partial: await issue(partialClient) };
      }

      const supergraphResponse = await fetch(`${bus.registryUrl}/v1/graphs/${fixture.name}/supergraph`, { headers: { authorization: `Bearer ${admin}` } });
      expect(supergraphResponse.status).toBe(200);
      const supergraphSdl = await supergraphResponse.text();
      const stock = new ApolloServer({
        gateway: new ApolloGateway({
          supergraphSdl,
          buildService: ({ name }) => new RemoteGraphQLDataSource({ url: plainUrls.get(name)! }),
        }),
      });
      const { url } = await startStandaloneServer(stock, { listen: { host: '127.0.0.1', port: 0 } });
      closers.push(() => stock.stop());

      const gatewayUrl = `${bus.gatewayUrl}/${fixture.name}`;
      await waitForGraph(gatewayUrl, keys.full, supergraphSdl);
      return { fixture, gatewayUrl, stockUrl: url, hits: () => hits, items, routingUrls };
    },
    publisherToken: (agency) => publishers[agency],
    async close() {
      for (const close of closers.splice(0).reverse()) await close().catch(() => {});
    },
  };
  return installation;
}

/** Until the gateway serves the fixture's graph with every root field of this supergraph (it polls the registry). */
async function waitForGraph(url: string, key: string, supergraphSdl: string): Promise<void> {
  const expected = new Set<string>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION || definition.name.value !== 'Query') continue;
    for (const field of definition.fields ?? []) {
      if (!field.directives?.some((directive) => directive.name.value === 'inaccessible')) expected.add(field.name.value);
    }
  }
  const deadline = Date.now() + 60_000;
  let last: GraphQLResponse<{ __schema: { queryType: { fields: { name: string }[] } } }> | null = null;
  while (Date.now() < deadline) {
    last = await postGraphQL(url, '{ __schema { queryType { fields { name } } } }', { headers: { authorization: `Bearer ${key}` } });
    const served = new Set(last.body.data?.__schema.queryType.fields.map((field) => field.name) ?? []);
    if ([...expected].every((name) => served.has(name))) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`gateway does not serve ${url} with ${[...expected].join(', ')}: ${JSON.stringify(last?.body)}`);
}
