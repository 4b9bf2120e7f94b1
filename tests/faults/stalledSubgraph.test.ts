/**
 * A stalled agency: its subgraph process is stopped with SIGSTOP (it accepts connections, never
 * answers). The gateway answers within the subgraph's timeout with the other agencies' data and an
 * error naming the stalled subgraph and the field it was to fill (UPSTREAM_TIMEOUT), records the call
 * in the access log's subgraph calls, opens the subgraph's circuit after repeated failures (answers
 * at once with UPSTREAM_UNAVAILABLE), and closes it again once the subgraph answers a probe.
 */
import type { ChildProcess } from 'node:child_process';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessEvent } from '../../gateway/buildGateway.ts';
import { buildGateway, type Gateway } from '../../gateway/buildGateway.ts';
import { createStaticSupergraphSource } from '../../lib/feed/supergraphSource.ts';
import { composeGraph } from '../../registry/checks/index.ts';
import { STALLED_SUBGRAPH_SDL } from './fixtures/subgraphChild.ts';
import { startSubgraphProcess } from './support/subgraphProcess.ts';


const HEALTHY_SDL = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"]) type Query { halo: String }';
const TIMEOUT_MS = 1_000;

interface Answer {
  data?: { halo: string | null; sehat: string | null } | null;
  errors?: { message: string; extensions?: { code?: string; details?: { subgraph?: string; path?: string } } }[];
}

describe('a stalled subgraph', () => {
  let stalled: { child: ChildProcess; url: string };
  let healthy: ApolloServer;
  let gateway: Gateway;
  let url: string;
  const recorded: AccessEvent[] = [];

  beforeAll(async () => {
    stalled = await startSubgraphProcess();
    healthy = new ApolloServer({ schema: buildSubgraphSchema({ typeDefs: parse(HEALTHY_SDL), resolvers: { Query: { halo: () => 'dunia' } } }) });
    const { url: healthyUrl } = await startStandaloneServer(healthy, { listen: { port: 0, host: '127.0.0.1' } });
    const composed = composeGraph([
      { name: 'kependudukan', url: healthyUrl, sdl: HEALTHY_SDL },
      { name: 'dinkes', url: stalled.url, sdl: STALLED_SUBGRAPH_SDL },
    ]);
    if (!composed.ok) throw new Error('the test subgraphs do not compose');
    gateway = await buildGateway({
      source: createStaticSupergraphSource([{ graph: 'semua', version: 1, supergraphSdl: composed.supergraphSdl }]),
      subgraphFaults: { timeoutMsFor: () => TIMEOUT_MS, failuresToOpen: 2, probeAfterMs: 500 },
      recordAccess: async (event) => {
        recorded.push(event);
      },
    });
    url = `${await gateway.listen({ host: '127.0.0.1', port: 0 })}/graphql`;
  }, 120_000);

  afterAll(async () => {
    stalled?.child.kill('SIGCONT');
    stalled?.child.kill('SIGKILL');
    await gateway?.close();
    await healthy?.stop();
  });

  const ask = async (): Promise<{ answer: Answer; ms: number; event: AccessEvent | undefined }> => {
    const started = Date.now();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ halo sehat }' }),
      signal: AbortSignal.timeout(60_000),
    });
    const answer = (await response.json()) as Answer;
    const requestId = response.headers.get('x-request-id');
    return { answer, ms: Date.now() - started, event: recorded.find((event) => event.requestId === requestId) };
  };

  it('answers within the timeout with the other data and an error naming the agency and the field, recorded in the log', async () => {
    expect((await ask()).answer.data).toEqual({ halo: 'dunia', sehat: 'terjamin' });
    stalled.child.kill('SIGSTOP');

    const { answer, ms, event } = await ask();
    expect(answer.data).toEqual({ halo: 'dunia', sehat: null });
    expect(answer.errors?.[0]?.extensions?.code).toBe('UPSTREAM_TIMEOUT');
    expect(answer.errors?.[0]?.message).toContain('dinkes');
    expect(answer.errors?.[0]?.extensions?.details).toEqual({ subgraph: 'dinkes', path: 'sehat' });
    // Far below undici's default of 300 s; generous for a loaded machine.
    expect(ms).toBeLessThan(TIMEOUT_MS + 15_000);
    const call = event?.context?.subgraphCalls.find((each) => each.subgraph === 'dinkes');
    expect(call).toMatchObject({ status: 504 });
    expect(call?.error).toMatch(/^UPSTREAM_TIMEOUT/);
  });

  it('opens the circuit after repeated failures, answering at once, and closes it when the subgraph answers again', async () => {
    // The second failure in a row opens the circuit; the next fetch is not even tried.
    await ask();
    const open = await ask();
    expect(open.answer.data).toEqual({ halo: 'dunia', sehat: null });
    expect(open.answer.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(open.answer.errors?.[0]?.message).toContain('dinkes');
    expect(open.event?.context?.subgraphCalls.find((each) => each.subgraph === 'dinkes')).toMatchObject({ status: 503 });

    stalled.child.kill('SIGCONT');
    let recovered: Answer | undefined;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const { answer } = await ask();
      if (answer.data?.sehat === 'terjamin') {
        recovered = answer;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(recovered?.data).toEqual({ halo: 'dunia', sehat: 'terjamin' });
    expect(recovered?.errors).toBeUndefined();
  }, 60_000);
});
