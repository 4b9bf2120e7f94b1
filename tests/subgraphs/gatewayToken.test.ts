import Fastify from 'fastify';
import { SignJWT, decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GATEWAY_TOKEN_ISSUER,
  GATEWAY_TOKEN_TTL_SECONDS,
  createGatewayJwks,
  createGatewayTokenSigner,
  createGatewayTokenVerifier,
  exportGatewayPrivateKeyPem,
  exportGatewayPublicJwk,
  gatewayTokenFromHeader,
  importGatewayKey,
} from '../../lib/gatewayToken.ts';
import { generateGatewayKeyPair } from '../support/gatewayKeys.ts';
import type { GatewayTokenSigner } from '../../lib/gatewayToken.ts';
import { isPenghubungError } from '../../lib/errors.ts';
import { startDemoAgencies } from '../../subgraphs/index.ts';
import type { StartedDemoAgencies, StartedDemoAgency } from '../../subgraphs/index.ts';
import { urlOf } from '../../subgraphs/shared/index.ts';
import { postGraphQL, seedData } from './helpers.ts';

const claims = { requester: 'app-sipd-bappeda', graph: 'semua-tema', requestId: 'req-0001', audience: 'disdukcapil' };

async function refusalOf(
  promise: Promise<unknown>,
): Promise<{ code: string; reason: unknown; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (!isPenghubungError(error)) throw error;
    return {
      code: error.code,
      reason: (error.details as { reason?: unknown }).reason,
      message: error.message,
    };
  }
  throw new Error('expected a refusal');
}

describe('gateway token (lib/gatewayToken.ts)', () => {
  it('signs an EdDSA JWT from penghubung-gateway for one subgraph, valid seconds, with a kid, and verifies it', async () => {
    const { privateKey, publicKey } = await generateGatewayKeyPair();
    const token = await createGatewayTokenSigner(privateKey).sign({
      ...claims,
      fields: ['Query.penduduk', 'Penduduk.nama'],
    });
    const header = decodeProtectedHeader(token);
    const payload = decodeJwt(token);
    expect(header.alg).toBe('EdDSA');
    expect(header.kid).toBe((await exportGatewayPublicJwk(publicKey)).kid);
    expect(payload).toMatchObject({
      iss: GATEWAY_TOKEN_ISSUER,
      sub: 'app-sipd-bappeda',
      graph: 'semua-tema',
      requestId: 'req-0001',
    });
    expect((payload.exp as number) - (payload.iat as number)).toBe(GATEWAY_TOKEN_TTL_SECONDS);
    expect(GATEWAY_TOKEN_TTL_SECONDS).toBeLessThan(60);
    expect(payload.aud).toBe('disdukcapil');

    const verified = await createGatewayTokenVerifier(publicKey).verify(token);
    expect(verified).toMatchObject({
      ...claims,
      fields: ['Query.penduduk', 'Penduduk.nama'],
      audience: 'disdukcapil',
    });
  });

  it('verifies against a JWKS document, a JWK, a PEM, and the gateway /.well-known/jwks.json URL', async () => {
    const { privateKey, publicKey } = await generateGatewayKeyPair();
    const signer = createGatewayTokenSigner(privateKey);
    const token = await signer.sign({ ...claims, fields: [] });
    const jwks = await createGatewayJwks([publicKey]);
    expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
    await expect(createGatewayTokenVerifier(jwks).verify(token)).resolves.toMatchObject(claims);
    await expect(createGatewayTokenVerifier(jwks.keys[0] as never).verify(token)).resolves.toMatchObject(
      claims,
    );

    const pem = await exportGatewayPrivateKeyPem(privateKey);
    const reloaded = createGatewayTokenSigner(await importGatewayKey(pem, 'sign'));
    await expect(
      createGatewayTokenVerifier(jwks).verify(await reloaded.sign({ ...claims, fields: [] })),
    ).resolves.toBeTruthy();

    const app = Fastify();
    app.get('/.well-known/jwks.json', async () => jwks);
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const remote = createGatewayTokenVerifier(new URL(`${urlOf(app, '127.0.0.1')}/.well-known/jwks.json`));
      await expect(remote.verify(token)).resolves.toMatchObject(claims);
    } finally {
      await app.close();
    }
  });

  it('refuses a missing, malformed, forged, expired, foreign-issuer or wrong-audience token', async () => {
    const { privateKey, publicKey } = await generateGatewayKeyPair();
    const other = await generateGatewayKeyPair();
    const verifier = createGatewayTokenVerifier(publicKey, { audience: 'disdukcapil' });
    const good = { ...claims, fields: [], audience: 'disdukcapil' };

    expect(await refusalOf(verifier.verify(undefined))).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'missing',
    });
    expect(await refusalOf(verifier.verify('bukan.token.jwt'))).toMatchObject({ reason: 'malformed' });
    const forged = await createGatewayTokenSigner(other.privateKey).sign(good);
    expect(await refusalOf(verifier.verify(forged))).toMatchObject({ reason: 'signature' });
    const expired = await createGatewayTokenSigner(privateKey, { ttlSeconds: -120 }).sign(good);
    expect(await refusalOf(verifier.verify(expired))).toMatchObject({
      reason: 'expired',
      message: 'Token gateway sudah kedaluwarsa',
    });
    const foreign = await new SignJWT({ graph: 'x', requestId: 'r', fields: [] })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer('bukan-gateway')
      .setSubject('app')
      .setAudience('disdukcapil')
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(privateKey);
    expect(await refusalOf(verifier.verify(foreign))).toMatchObject({ reason: 'claims' });
    const elsewhere = await createGatewayTokenSigner(privateKey).sign({ ...good, audience: 'dinkes' });
    expect(await refusalOf(verifier.verify(elsewhere))).toMatchObject({ reason: 'claims' });
    // The audience a subgraph passes at verification wins over none in the options.
    const open = createGatewayTokenVerifier(publicKey);
    expect(await refusalOf(open.verify(elsewhere, { audience: 'disdukcapil' }))).toMatchObject({ reason: 'claims' });
    // Against a key set the token must name its key.
    const jwks = await createGatewayJwks([publicKey]);
    const kidless = await new SignJWT({ graph: 'x', requestId: 'r', fields: [] })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer(GATEWAY_TOKEN_ISSUER)
      .setSubject('app')
      .setAudience('disdukcapil')
      .setIssuedAt()
      .setExpirationTime('5s')
      .sign(privateKey);
    expect(await refusalOf(createGatewayTokenVerifier(jwks).verify(kidless, { audience: 'disdukcapil' }))).toMatchObject({
      reason: 'unknown-key',
    });
    // A valid signature whose payload was edited afterwards is a forgery too.
    const [head, , signature] = (await createGatewayTokenSigner(privateKey).sign(good)).split('.');
    const widened = Buffer.from(JSON.stringify({ ...decodeJwt(forged), fields: ['Penduduk.nik'] })).toString(
      'base64url',
    );
    expect(await refusalOf(verifier.verify(`${head}.${widened}.${signature}`))).toMatchObject({
      reason: 'signature',
    });
  });

  it('picks the key by kid from a JWKS loader holding several keys, and reloads it for a new kid', async () => {
    const first = await generateGatewayKeyPair();
    const second = await generateGatewayKeyPair();
    let published = await createGatewayJwks([first.publicKey]);
    let loads = 0;
    const verifier = createGatewayTokenVerifier(
      async () => {
        loads += 1;
        return published;
      },
      { jwksCooldownMs: 0 },
    );
    const fromFirst = createGatewayTokenSigner(first.privateKey).sign({ ...claims, fields: [] });
    const fromSecond = createGatewayTokenSigner(second.privateKey).sign({ ...claims, fields: [] });
    await expect(verifier.verify(fromFirst)).resolves.toMatchObject(claims);
    expect(await refusalOf(verifier.verify(fromSecond))).toMatchObject({ reason: 'unknown-key' });
    // The new key is published beside the old one: both verify, without a new verifier.
    published = await createGatewayJwks([first.publicKey, second.publicKey]);
    await expect(verifier.verify(fromSecond)).resolves.toMatchObject(claims);
    await expect(verifier.verify(fromFirst)).resolves.toMatchObject(claims);
    expect(loads).toBeGreaterThanOrEqual(3);
  });

  it('reads the token from an Authorization: Bearer header only', () => {
    expect(gatewayTokenFromHeader('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(gatewayTokenFromHeader('bearer abc')).toBe('abc');
    expect(gatewayTokenFromHeader('Basic dXNlcjpwYXNz')).toBeNull();
    expect(gatewayTokenFromHeader(undefined)).toBeNull();
  });
});

describe('subgraphs refuse calls without a valid gateway token and allow only the token’s fields', () => {
  let demo: StartedDemoAgencies;
  let signer: GatewayTokenSigner;
  let forger: GatewayTokenSigner;
  const agency = (slug: 'disdukcapil' | 'dpmptsp' | 'dinkes'): StartedDemoAgency =>
    demo.bySlug[slug] as StartedDemoAgency;
  const sign = (fields: string[], audience = 'disdukcapil'): string => signer.sign({ ...claims, audience, fields });
  const [bambang] = seedData.penduduk();
  const nik = bambang?.nik as string;

  beforeAll(async () => {
    const keys = await generateGatewayKeyPair();
    signer = createGatewayTokenSigner(keys.privateKey);
    // The forger even copies the real key id: only the signature can tell.
    const realKid = (await exportGatewayPublicJwk(keys.publicKey)).kid;
    forger = createGatewayTokenSigner((await generateGatewayKeyPair()).privateKey, { kid: realKid });
    demo = await startDemoAgencies({
      gatewayTokenVerifier: createGatewayTokenVerifier(await createGatewayJwks([keys.publicKey])),
    });
  });
  afterAll(async () => {
    await demo.close();
  });

  const query = `query ($nik: String!) { penduduk(nik: $nik) { nama golonganDarah } }`;

  it('missing token: HTTP 401 with an UNAUTHENTICATED GraphQL error, and no REST call', async () => {
    agency('disdukcapil').rest.resetCalls();
    const { status, headers, body } = await postGraphQL(agency('disdukcapil').subgraphUrl, query, {
      variables: { nik },
    });
    expect(status).toBe(401);
    expect(headers.get('www-authenticate')).toContain('Bearer');
    expect(body.errors?.[0]).toMatchObject({
      message: 'Token gateway tidak ada: subgraph hanya dapat dipanggil melalui gateway Penghubung',
      extensions: { code: 'UNAUTHENTICATED', details: { reason: 'missing' } },
    });
    expect(body.data).toBeUndefined();
    expect(agency('disdukcapil').rest.calls()).toBe(0);
  });

  it('forged token (signed by another key under the real key id): 401', async () => {
    const token = await forger.sign({ ...claims, fields: ['Query.penduduk', 'Penduduk.nama'] });
    const { status, body } = await postGraphQL(agency('disdukcapil').subgraphUrl, query, {
      variables: { nik },
      token,
    });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      details: { reason: 'signature' },
    });
  });

  it('expired token: 401', async () => {
    const keys = await generateGatewayKeyPair();
    const verifier = createGatewayTokenVerifier(keys.publicKey);
    const demoOne = await startDemoAgencies({ only: ['dinkes'], gatewayTokenVerifier: verifier });
    try {
      const token = createGatewayTokenSigner(keys.privateKey, { ttlSeconds: -300 }).sign({
        ...claims,
        audience: 'dinkes',
        fields: ['Query.fasilitasKesehatan'],
      });
      const { status, body } = await postGraphQL(
        demoOne.subgraphs[0]?.url as string,
        '{ fasilitasKesehatan(kode: "3501015") { nama } }',
        { token },
      );
      expect(status).toBe(401);
      expect(body.errors?.[0]).toMatchObject({
        message: 'Token gateway sudah kedaluwarsa',
        extensions: { code: 'UNAUTHENTICATED' },
      });
    } finally {
      await demoOne.close();
    }
  });

  it('valid token naming every field: the query works', async () => {
    const token = await sign(['Query.penduduk', 'Penduduk.nama', 'Penduduk.golonganDarah']);
    const { status, body } = await postGraphQL(agency('disdukcapil').subgraphUrl, query, {
      variables: { nik },
      token,
    });
    expect(status).toBe(200);
    expect(body).toEqual({ data: { penduduk: { nama: 'Bambang Sutrisno', golonganDarah: 'B' } } });
  });

  it('a field not in the token is denied with FORBIDDEN_FIELD; the others still resolve', async () => {
    const token = await sign(['Query.penduduk', 'Penduduk.nama']);
    const { body } = await postGraphQL(agency('disdukcapil').subgraphUrl, query, {
      variables: { nik },
      token,
    });
    expect(body.data).toEqual({ penduduk: { nama: 'Bambang Sutrisno', golonganDarah: null } });
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: 'Akses ke field Penduduk.golonganDarah tidak diizinkan oleh token gateway',
        path: ['penduduk', 'golonganDarah'],
        extensions: expect.objectContaining({
          code: 'FORBIDDEN_FIELD',
          coordinate: 'Penduduk.golonganDarah',
        }),
      }),
    ]);
  });

  it('a root field not in the token is denied before its resolver runs (no REST call)', async () => {
    agency('disdukcapil').rest.resetCalls();
    const token = await sign(['Penduduk.nama']);
    const { body } = await postGraphQL(agency('disdukcapil').subgraphUrl, query, {
      variables: { nik },
      token,
    });
    expect(body.data).toEqual({ penduduk: null });
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN_FIELD',
      coordinate: 'Query.penduduk',
    });
    expect(agency('disdukcapil').rest.calls()).toBe(0);
  });

  it('_entities resolves the types and fields the token lists, key fields included only when listed', async () => {
    const token = sign(
      ['Query._entities', 'Penduduk.nik', 'Penduduk.izinUsaha', 'IzinUsaha.nomor', 'IzinUsaha.namaUsaha'],
      'dpmptsp',
    );
    const { body } = await postGraphQL(
      agency('dpmptsp').subgraphUrl,
      `query ($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Penduduk { nik izinUsaha { nomor namaUsaha } } } }`,
      { variables: { r: [{ __typename: 'Penduduk', nik: seedData.izinUsaha()[0]?.nikPemilik }] }, token },
    );
    expect(body.errors).toBeUndefined();
    const [entity] = (
      body.data as { _entities: { __typename: string; nik: string; izinUsaha: { nomor: string }[] }[] }
    )._entities;
    expect(entity?.__typename).toBe('Penduduk');
    expect(entity?.izinUsaha.length).toBeGreaterThan(0);
    expect(entity?.izinUsaha.every((z) => /^IZ-/.test(z.nomor))).toBe(true);
  });

  it('a key field the token does not list is refused like any other field', async () => {
    const token = sign(['Query.penduduk', 'Penduduk.nama']);
    const { body } = await postGraphQL(agency('disdukcapil').subgraphUrl, '{ penduduk(nik: "3501040509830001") { nik nama } }', {
      token,
    });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN_FIELD', coordinate: 'Penduduk.nik' });
  });

  it('_entities needs Query._entities in the token', async () => {
    agency('disdukcapil').rest.resetCalls();
    const token = sign(['Query.penduduk', 'Penduduk.nama']);
    const { body } = await postGraphQL(
      agency('disdukcapil').subgraphUrl,
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Penduduk { nama } } }`,
      { variables: { r: [{ __typename: 'Penduduk', nik }] }, token },
    );
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN_FIELD', coordinate: 'Query._entities' });
    expect(agency('disdukcapil').rest.calls()).toBe(0);
  });

  it('_entities of a type the token does not name is refused (__resolveReference is guarded)', async () => {
    agency('disdukcapil').rest.resetCalls();
    const token = sign(['Query._entities', 'IzinUsaha.namaUsaha']);
    const { body } = await postGraphQL(
      agency('disdukcapil').subgraphUrl,
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Penduduk { nik } } }`,
      { variables: { r: [{ __typename: 'Penduduk', nik }] }, token },
    );
    expect(body.data).toEqual({ _entities: [null] });
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN_FIELD',
      coordinate: 'Penduduk.__resolveReference',
    });
    expect(agency('disdukcapil').rest.calls()).toBe(0);
  });

  it('_service { sdl } needs a token but no field grant', async () => {
    const token = sign([], 'dinkes');
    const { status, body } = await postGraphQL(agency('dinkes').subgraphUrl, '{ _service { sdl } }', {
      token,
    });
    expect(status).toBe(200);
    expect((body.data as { _service: { sdl: string } })._service.sdl).toContain('FasilitasKesehatan');
  });

  it('upstream errors pass through the field guard unchanged', async () => {
    const token = await sign(['Query.penduduk', 'Penduduk.nama']);
    const { body } = await postGraphQL(
      agency('disdukcapil').subgraphUrl,
      '{ penduduk(nik: "12") { nama } }',
      { token },
    );
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_REQUEST' });
  });
});
