import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { buildDisdukcapilSubgraph } from '../../subgraphs/disdukcapil/subgraph.ts';
import { buildDpmptspSubgraph } from '../../subgraphs/dpmptsp/subgraph.ts';
import { urlOf } from '../../subgraphs/shared/index.ts';
import type { SubgraphServer } from '../../subgraphs/shared/index.ts';
import { postGraphQL, seedData } from './helpers.ts';

const nik = seedData.penduduk()[0]?.nik as string;
const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});
afterAll(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

/** A real HTTP server standing in for a broken agency backend. */
async function brokenBackend(handle: (app: FastifyInstance) => void): Promise<string> {
  const app = Fastify({ forceCloseConnections: true });
  handle(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  open.push(app);
  return urlOf(app, '127.0.0.1');
}

async function subgraphAt(
  restBaseUrl: string,
  build = buildDisdukcapilSubgraph,
  restTimeoutMs?: number,
): Promise<SubgraphServer> {
  const subgraph = build({ restBaseUrl, restTimeoutMs });
  await subgraph.listen();
  open.push(subgraph);
  return subgraph;
}

const query = `query ($nik: String!) { penduduk(nik: $nik) { nama } }`;

describe('a failing agency backend gives a GraphQL error naming the agency and the call', () => {
  it('backend down: UPSTREAM_ERROR "… GET /penduduk?nik=… → tidak dapat dihubungi"', async () => {
    // Port 1 (tcpmux) has no listener here. A port freed by closing a server of our own is not
    // safe: a test in another worker can bind it in between and answer 404.
    const subgraph = await subgraphAt('http://127.0.0.1:1');

    const { status, body } = await postGraphQL(subgraph.url as string, query, { variables: { nik } });
    expect(status).toBe(200);
    expect(body.data).toEqual({ penduduk: null });
    expect(body.errors?.[0]).toMatchObject({
      message: 'Layanan REST Disdukcapil gagal: GET /penduduk?nik=… → tidak dapat dihubungi (ECONNREFUSED)',
      path: ['penduduk'],
      extensions: {
        code: 'UPSTREAM_ERROR',
        agency: 'Disdukcapil',
        call: { method: 'GET', path: '/penduduk' },
      },
    });
    // The NIK (personal data) is not written into the error.
    expect(JSON.stringify(body.errors)).not.toContain(nik);
  });

  it('backend answers 500: "… → 500"', async () => {
    const url = await brokenBackend((app) => {
      app.get('/*', async (_request, reply) =>
        reply.code(500).send({ code: 'INTERNAL', message: 'basis data mati' }),
      );
    });
    const subgraph = await subgraphAt(url);
    const { body } = await postGraphQL(subgraph.url as string, query, { variables: { nik } });
    expect(body.errors?.[0]?.message).toBe('Layanan REST Disdukcapil gagal: GET /penduduk?nik=… → 500');
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstreamStatus: 500 });
    expect(body.errors?.[0]?.extensions?.messageEn).toBe(
      'Disdukcapil REST service failed: GET /penduduk?nik=… → 500',
    );
  });

  it('backend answers garbage (HTML with 200, or JSON of another shape)', async () => {
    const url = await brokenBackend((app) => {
      app.get('/penduduk', async (_request, reply) =>
        reply.type('text/html').send('<html>Bad Gateway</html>'),
      );
      app.get('/izin-usaha', async () => ({ hasil: 'bukan daftar' }));
    });
    const disdukcapil = await subgraphAt(url);
    const html = await postGraphQL(disdukcapil.url as string, query, { variables: { nik } });
    expect(html.body.errors?.[0]?.message).toBe(
      'Layanan REST Disdukcapil gagal: GET /penduduk?nik=… → 200, isi respons bukan JSON',
    );
    const dpmptsp = await subgraphAt(url, buildDpmptspSubgraph);
    const shape = await postGraphQL(dpmptsp.url as string, '{ daftarIzinUsaha { nomor } }');
    expect(shape.body.data).toBeNull();
    expect(shape.body.errors?.[0]).toMatchObject({
      message:
        'Layanan REST DPMPTSP gagal: GET /izin-usaha?limit=… → 200, isi respons tidak sesuai format { data: [...] }',
      extensions: { code: 'UPSTREAM_ERROR', agency: 'DPMPTSP' },
    });
  });

  it('backend hangs: "… → waktu tunggu habis" after the configured timeout', async () => {
    const url = await brokenBackend((app) => {
      app.get('/penduduk', async () => new Promise(() => undefined));
    });
    const subgraph = await subgraphAt(url, buildDisdukcapilSubgraph, 200);
    const { body } = await postGraphQL(subgraph.url as string, query, { variables: { nik } });
    expect(body.errors?.[0]?.message).toBe(
      'Layanan REST Disdukcapil gagal: GET /penduduk?nik=… → waktu tunggu habis',
    );
  });

  it('the subgraph keeps serving after upstream failures', async () => {
    const url = await brokenBackend((app) => {
      app.get('/*', async (_request, reply) => reply.code(503).send('maintenance'));
    });
    const subgraph = await subgraphAt(url);
    for (let i = 0; i < 3; i++) {
      const { body } = await postGraphQL(subgraph.url as string, query, { variables: { nik } });
      expect(body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_ERROR');
    }
    const health = await fetch((subgraph.url as string).replace(/\/graphql$/, '/health'));
    expect(health.status).toBe(200);
  });
});
