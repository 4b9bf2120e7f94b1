/**
 * The access log's test bench: a tiny federated subgraph (@apollo/subgraph, real HTTP), and the
 * gateway wired as in production (gateway/wiring.ts) over its composed supergraph, with a fixed
 * requester and grant set, and `recordAccess` wired to whatever the test gives (usually a writer).
 */
import { generateKeyPairSync } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { FastifyRequest } from 'fastify';
import { GraphQLError, parse } from 'graphql';
import type { AccessEvent, Gateway } from '../../gateway/buildGateway.ts';
import type { Requester } from '../../gateway/context.ts';
import { wireGateway } from '../../gateway/wiring.ts';
import { createStaticSupergraphSource } from '../../lib/feed/supergraphSource.ts';
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from '../../lib/config.ts';
import { PenghubungError } from '../../lib/errors.ts';
import { createGatewayTokenSigner } from '../../lib/gatewayToken.ts';
import { composeGraph } from '../../registry/checks/index.ts';

export const SUBGRAPH_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query {
    halo: String
    "Answers after LAMBAT_MS: a request a client can give up on while it runs."
    lambat: String
    rahasia: String
    gagal: String
    penduduk(nik: String!): Penduduk
  }
  type Penduduk @key(fields: "nik") {
    nik: String!
    nama: String!
  }
`;

export const REQUESTER: Requester = {
  clientId: '7b0c1c2e-4a51-4c1e-9d7e-0a1b2c3d4e5f',
  clientName: 'sipd-test',
  credentialId: '0d9e8f7a-6b5c-4d3e-8f1a-2b3c4d5e6f70',
};

/** What the requester was granted: everything but `Query.rahasia`. */
export const GRANTED = ['Query.halo', 'Query.lambat', 'Query.gagal', 'Query.penduduk', 'Penduduk.nik', 'Penduduk.nama'];

export const GOOD_TOKEN = 'Bearer kunci-sah';
/** A credential whose lookup fails unexpectedly (not a refusal): the gateway answers 500. */
export const BROKEN_LOOKUP_TOKEN = 'Bearer kunci-rusak';
export const LAMBAT_MS = 400;

export interface TinySubgraph {
  url: string;
  supergraphSdl: string;
  stop(): Promise<void>;
}

export async function startTinySubgraph(): Promise<TinySubgraph> {
  const server = new ApolloServer({
    schema: buildSubgraphSchema({
      typeDefs: parse(SUBGRAPH_SDL),
      resolvers: {
        Query: {
          halo: () => 'dunia',
          lambat: async () => {
            await new Promise((resolve) => setTimeout(resolve, LAMBAT_MS));
            return 'akhirnya';
          },
          rahasia: () => 'jangan',
          gagal: () => {
            throw new GraphQLError('backend dinas tidak tersedia', { extensions: { code: 'UPSTREAM_ERROR' } });
          },
          penduduk: (_parent: unknown, args: { nik: string }) => ({ nik: args.nik, nama: 'Siti Aminah' }),
        },
      },
    }),
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  const outcome = composeGraph([{ name: 'uji', url, sdl: SUBGRAPH_SDL }]);
  if (!outcome.ok) throw new Error(`tiny subgraph does not compose: ${JSON.stringify(outcome.errors)}`);
  return { url, supergraphSdl: outcome.supergraphSdl, stop: () => server.stop() };
}

/** `Bearer kunci-sah` → the requester; no header → anonymous; `Bearer kunci-rusak` → a failed lookup; any other → 401 UNAUTHENTICATED. */
export async function authenticate(request: FastifyRequest): Promise<Requester | null> {
  const header = request.headers.authorization;
  if (header === undefined) return null;
  if (header === GOOD_TOKEN) return REQUESTER;
  if (header === BROKEN_LOOKUP_TOKEN) throw new Error('credential store failed');
  throw new PenghubungError('UNAUTHENTICATED', { id: 'Kredensial tidak sah.', en: 'Invalid credential.' });
}

/**
 * The production operation limits without the per-key rate and in-flight limits: the log tests send
 * bursts from one key, and on an idle machine those would be answered 429 (the limits are tested in
 * tests/security/limits.test.ts and tests/log/earlyExits.test.ts, which set their own).
 */
const LOG_TEST_LIMITS: OperationLimits = { ...DEFAULT_OPERATION_LIMITS, ratePerSecond: 1e9, ratePerMinute: 1e12, maxConcurrent: 1e6 };

export async function startTestGateway(
  subgraph: TinySubgraph,
  recordAccess: ((event: AccessEvent) => Promise<void>) | undefined,
  options: { limitsFor?: (graph: string) => OperationLimits } = {},
): Promise<{ gateway: Gateway; url: string }> {
  const grantSet = { version: 'uji-1', coordinates: new Set(GRANTED), quotaPerDay: null };
  const gateway = await wireGateway({
    source: createStaticSupergraphSource([{ graph: 'semua', version: 1, supergraphSdl: subgraph.supergraphSdl }]),
    authenticate,
    grantSet: async () => grantSet,
    // The tiny subgraph does not check the tokens; they are signed as in production all the same.
    tokenSigner: createGatewayTokenSigner(generateKeyPairSync('ed25519').privateKey),
    ...(recordAccess ? { recordAccess } : {}),
    limitsFor: options.limitsFor ?? (() => LOG_TEST_LIMITS),
  });
  const base = await gateway.listen({ host: '127.0.0.1', port: 0 });
  return { gateway, url: `${base}/graphql` };
}

let sequence = 0;

/** An AccessEvent as the gateway would hand it over for an allowed request. */
export function accessEvent(overrides: Partial<AccessEvent> & { variables?: Record<string, unknown> } = {}): AccessEvent {
  sequence += 1;
  const { variables, ...rest } = overrides;
  const requestId = rest.requestId ?? `uji-${sequence}`;
  return {
    requestId,
    graph: 'semua',
    receivedAt: new Date(),
    durationMs: 3.2,
    statusCode: 200,
    clientAddress: '10.1.2.3',
    responseBody: '{"data":{"halo":"dunia"}}',
    authenticationError: null,
    context: {
      requester: REQUESTER,
      subgraphCalls: [{ subgraph: 'uji', status: 200, durationMs: 1.25 }],
      operation: {
        name: 'Halo',
        hash: 'b'.repeat(64),
        document: 'query Halo { halo }',
        parsed: parse('query Halo { halo }'),
        variables: variables ?? null,
        outcome: 'ok',
        errorCode: null,
        coordinates: ['Query.halo'],
        deniedCoordinates: [],
      },
    },
    ...rest,
  };
}
