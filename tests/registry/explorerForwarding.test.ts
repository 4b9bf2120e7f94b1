/**
 * The console explorer's same-origin path to the gateway (POST /v1/explorer/graphql[/:graph]): over
 * the whole demo bus, a granted query returns the gateway's data and a refused field its
 * FORBIDDEN_FIELD, a wrong key the gateway's own 401; the route needs a signed-in requester and a
 * key, refuses a huge body, and answers 502 when the gateway is down. Against a stand-in gateway
 * that echoes what it received, only the query, variables, operation name and the key as bearer
 * reach it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetch } from 'undici';
import { startTestBus, type TestBus } from '../support/bus.ts';
import { startTestRegistry, testConfig, type TestRegistry } from '../support/registry.ts';

const KEY_HEADER = 'x-penghubung-api-key';

async function explorer(baseUrl: string, token: string | null, path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: (await response.json()) as any };
}

describe('explorer forwarding over the demo bus', () => {
  let bus: TestBus;
  let requesterToken: string;
  let adminToken: string;
  let apiKey: string;

  beforeAll(async () => {
    bus = await startTestBus('penghubung-explorer-');
    const demo = bus.system.demo!;
    requesterToken = demo.requesterToken;
    adminToken = demo.adminToken;
    apiKey = demo.apiKey;
  });
  afterAll(async () => {
    await bus?.close();
  });

  it('returns the gateway data for granted fields, to the default graph and to a named one', async () => {
    const query = `{ penduduk(nik: "${bus.system.demo!.sampleNik}") { nama } }`;
    const all = await explorer(bus.registryUrl, requesterToken, '/v1/explorer/graphql', { query }, { [KEY_HEADER]: apiKey });
    expect(all.status).toBe(200);
    expect(all.type).toContain('application/json');
    expect(all.body.errors).toBeUndefined();
    expect(typeof all.body.data.penduduk.nama).toBe('string');

    const typename = await explorer(bus.registryUrl, requesterToken, '/v1/explorer/graphql/semua', { query: '{ __typename }', operationName: null, variables: null }, { [KEY_HEADER]: apiKey });
    expect(typename.status).toBe(200);
    expect(typename.body.data).toEqual({ __typename: 'Query' });
  });

  it("passes the gateway's FORBIDDEN_FIELD with the refused fields", async () => {
    const query = `{ penduduk(nik: "${bus.system.demo!.sampleNik}") { nama golonganDarah } }`;
    const refused = await explorer(bus.registryUrl, requesterToken, '/v1/explorer/graphql', { query }, { [KEY_HEADER]: apiKey });
    expect(refused.body.errors[0].extensions.code).toBe('FORBIDDEN_FIELD');
    expect(refused.body.errors[0].extensions.deniedCoordinates).toEqual(['Penduduk.golonganDarah']);
  });

  it("passes the gateway's 401 for a wrong key and asks for a key when there is none", async () => {
    const wrong = await explorer(bus.registryUrl, requesterToken, '/v1/explorer/graphql', { query: '{ __typename }' }, { [KEY_HEADER]: 'phk_nope_nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');

    const none = await explorer(bus.registryUrl, requesterToken, '/v1/explorer/graphql', { query: '{ __typename }' });
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('BAD_REQUEST');
    expect(none.body.message).toContain('kunci API');

    const blank = await explorer(bus.registryUrl, requesterToken, '/v1/explorer/graphql', { query: '{ __typename }' }, { [KEY_HEADER]: '   ' });
    expect(blank.status).toBe(400);
  });

  it('needs a signed-in requester, a valid graph name, a query and a body of bounded size', async () => {
    const anonymous = await explorer(bus.registryUrl, null, '/v1/explorer/graphql', { query: '{ __typename }' }, { [KEY_HEADER]: apiKey });
    expect(anonymous.status).toBe(401);
    const administrator = await explorer(bus.registryUrl, adminToken, '/v1/explorer/graphql', { query: '{ __typename }' }, { [KEY_HEADER]: apiKey });
    expect(administrator.status).toBe(403);

    const badGraph = await explorer(bus.registryUrl, requesterToken, '/v1/explorer/graphql/..%2Fadmin', { query: '{ __typename }' }, { [KEY_HEADER]: apiKey });
    expect(badGraph.status).toBe(400);
    const noQuery = await explorer(bus.registryUrl, requesterToken, '/v1/explorer/graphql', { variables: {} }, { [KEY_HEADER]: apiKey });
    expect(noQuery.status).toBe(400);
    const notJson = await explorer(bus.registryUrl, requesterToken, '/v1/explorer/graphql', '{"query": ', { [KEY_HEADER]: apiKey });
    expect(notJson.status).toBe(400);

    const huge = await explorer(bus.registryUrl, requesterToken, '/v1/explorer/graphql', { query: `{ __typename } # ${'x'.repeat(200 * 1024)}` }, { [KEY_HEADER]: apiKey });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('takes a console session with its CSRF token, and refuses the session without it', async () => {
    const password = 'kata-sandi-penjelajah-1';
    await bus.call(adminToken, 'POST', '/v1/admin/users', { name: 'Pemohon Sesi', email: 'sesi@uji.test', role: 'requester', organization: 'Uji', password });
    const session = await fetch(`${bus.registryUrl}/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'sesi@uji.test', password }),
    });
    expect(session.status).toBe(200);
    const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { csrfToken } = (await session.json()) as { csrfToken: string };

    const withoutToken = await explorer(bus.registryUrl, null, '/v1/explorer/graphql', { query: '{ __typename }' }, { cookie, [KEY_HEADER]: apiKey });
    expect(withoutToken.status).toBe(403);
    expect(withoutToken.body.code).toBe('CSRF_INVALID');
    const withToken = await explorer(bus.registryUrl, null, '/v1/explorer/graphql', { query: '{ __typename }' }, { cookie, 'x-csrf-token': csrfToken, [KEY_HEADER]: apiKey });
    expect(withToken.status).toBe(200);
    expect(withToken.body.data).toEqual({ __typename: 'Query' });
  });

  it('answers 502 with a next step when the gateway is down', async () => {
    await bus.system.gateway.close();
    const down = await explorer(bus.registryUrl, requesterToken, '/v1/explorer/graphql', { query: '{ __typename }' }, { [KEY_HEADER]: apiKey });
    expect(down.status).toBe(502);
    expect(down.body.code).toBe('UPSTREAM_ERROR');
    expect(down.body.message).toContain('Gateway tidak dapat dihubungi');
    expect(down.body.messageEn).toContain('cannot reach the gateway');
  });
});

describe('explorer forwarding to a stand-in gateway', () => {
  let registry: TestRegistry;
  let unconfigured: TestRegistry;
  let echo: http.Server;
  let requesterToken: string;
  const received: { url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    echo = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ url: request.url ?? '', headers: request.headers, body });
        if (request.url === '/graphql/html') {
          response.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>');
          return;
        }
        response.writeHead(200, { 'content-type': 'application/graphql-response+json', 'set-cookie': 'x=1' }).end('{"data":{"echo":true}}');
      });
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const port = (echo.address() as AddressInfo).port;
    registry = await startTestRegistry({ config: { ...testConfig, gatewayInternalUrl: () => `http://127.0.0.1:${port}/` } });
    unconfigured = await startTestRegistry();
    const created = await registry.must(registry.admin, 'POST', '/v1/admin/users', { name: 'Pemohon Uji', email: 'pemohon@uji.test', role: 'requester', organization: 'Uji' }, 201);
    requesterToken = created.token.token;
  });
  afterAll(async () => {
    await registry?.close();
    await unconfigured?.close();
    await new Promise((resolve) => echo?.close(resolve));
  });

  it('forwards only the GraphQL request and the key as bearer, and returns the answer', async () => {
    received.length = 0;
    const answer = await explorer(
      registry.url,
      requesterToken,
      '/v1/explorer/graphql/kependudukan',
      { query: 'query Q($a: Int) { x }', variables: { a: 1 }, operationName: 'Q', extensions: { persistedQuery: 'no' } },
      { [KEY_HEADER]: 'phk_abc_def', cookie: 'penghubung_session=secret', 'x-forwarded-for': '10.0.0.1', 'x-custom': 'y' },
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { echo: true } });
    expect(received).toHaveLength(1);
    const [call] = received;
    expect(call!.url).toBe('/graphql/kependudukan');
    expect(call!.headers.authorization).toBe('Bearer phk_abc_def');
    expect(call!.headers.cookie).toBeUndefined();
    expect(call!.headers['x-forwarded-for']).toBeUndefined();
    expect(call!.headers['x-custom']).toBeUndefined();
    expect(call!.headers[KEY_HEADER]).toBeUndefined();
    expect(JSON.parse(call!.body)).toEqual({ query: 'query Q($a: Int) { x }', variables: { a: 1 }, operationName: 'Q' });
  });

  it('refuses a gateway answer that is not GraphQL JSON, and says so when no gateway is configured', async () => {
    const html = await explorer(registry.url, requesterToken, '/v1/explorer/graphql/html', { query: '{ x }' }, { [KEY_HEADER]: 'phk_abc_def' });
    expect(html.status).toBe(502);
    expect(html.body.code).toBe('UPSTREAM_ERROR');

    const created = await unconfigured.must(unconfigured.admin, 'POST', '/v1/admin/users', { name: 'Pemohon Dua', email: 'dua@uji.test', role: 'requester', organization: 'Uji' }, 201);
    const none = await explorer(unconfigured.url, created.token.token, '/v1/explorer/graphql', { query: '{ x }' }, { [KEY_HEADER]: 'phk_abc_def' });
    expect(none.status).toBe(503);
    expect(none.body.message).toContain('PENGHUBUNG_GATEWAY_INTERNAL_URL');
  });
});
