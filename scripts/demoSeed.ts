/**
 * The demo seed: everything a new installation shows on first start, done through the registry's own
 * HTTP API exactly as people would do it — agencies and their publishers, each agency's subgraph
 * published through the real publish path, then one requester's whole access procedure (request →
 * administrator approval → each owning agency's grant → API key). Tokens are kept in the data folder
 * (mode 0600) so a restart republishes (unchanged) and reuses them.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fetch } from 'undici';
import { demoAgencies, readDemoSchema, type StartedDemoAgencies } from '../subgraphs/index.ts';

export interface DemoState {
  adminToken: string;
  evaluatorToken: string;
  publisherTokens: Record<string, string>;
  requesterToken: string;
  clientId: string;
  apiKey: string;
  sampleNik: string;
}

/** The fields the demo requester asks for: a resident joined with their permits and health cover. */
export const DEMO_COORDINATES = [
  'Query.penduduk',
  'Penduduk.nama',
  'Penduduk.alamat',
  'Alamat.desa',
  'Alamat.kecamatan',
  'Penduduk.izinUsaha',
  'IzinUsaha.nomor',
  'IzinUsaha.namaUsaha',
  'IzinUsaha.status',
  'Penduduk.jaminanKesehatan',
  'JaminanKesehatan.status',
  'JaminanKesehatan.kelasRawat',
  'Query.daftarIzinUsaha',
  'IzinUsaha.pemilik',
];

export const DEMO_QUERY =
  'query WargaDanIzinnya($nik: String!) { penduduk(nik: $nik) { nama alamat { desa kecamatan } ' +
  'izinUsaha { nomor namaUsaha status } jaminanKesehatan { status kelasRawat } } }';

class RegistryClient {
  constructor(private readonly baseUrl: string) {}

  async call<T>(method: 'GET' | 'POST' | 'PUT', route: string, token: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.baseUrl}${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }

  async expect<T>(method: 'GET' | 'POST' | 'PUT', route: string, token: string, body: unknown, ok: number[]): Promise<T> {
    const result = await this.call<T>(method, route, token, body);
    if (!ok.includes(result.status)) {
      throw new Error(`demo seed: ${method} ${route} → ${result.status}: ${JSON.stringify(result.body).slice(0, 2000)}`);
    }
    return result.body;
  }
}

async function readState(file: string): Promise<DemoState | null> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as DemoState;
  } catch {
    return null;
  }
}

/**
 * Each demo agency may route only to the host and port its own subgraph listens on (set again on
 * every start: the ports may differ). A publisher cannot point the bus elsewhere.
 */
async function allowOwnHosts(registry: RegistryClient, agencies: StartedDemoAgencies, adminToken: string): Promise<void> {
  for (const started of agencies.agencies) {
    await registry.expect('PUT', `/v1/admin/agencies/${started.agency.slug}/routing-hosts`, adminToken, {
      allowed: [new URL(started.subgraphUrl).host],
      reason: 'demo: subgraph PD berjalan di host ini',
    }, [200]);
  }
}

async function publishAll(registry: RegistryClient, agencies: StartedDemoAgencies, tokens: Record<string, string>): Promise<void> {
  for (const started of agencies.agencies) {
    const token = tokens[started.agency.slug];
    if (!token) throw new Error(`demo seed: no publisher token for ${started.agency.slug}`);
    await registry.expect('POST', '/v1/subgraphs/publish', token, {
      name: started.agency.subgraphName,
      theme: started.agency.theme,
      routingUrl: started.subgraphUrl,
      schema: readDemoSchema(started.agency),
      description: `Layanan ${started.agency.name}`,
      contact: `${started.agency.slug}@pacitankab.go.id`,
    }, [200, 201]);
  }
}

export async function seedDemo(options: {
  registryUrl: string;
  dataDir: string;
  agencies: StartedDemoAgencies;
  /** The administrator token bootstrap just created; null when the installation already had one. */
  newAdminToken: string | null;
}): Promise<DemoState> {
  const registry = new RegistryClient(options.registryUrl);
  const stateFile = path.join(options.dataDir, 'demo-credentials.json');
  const existing = await readState(stateFile);
  if (existing) {
    await allowOwnHosts(registry, options.agencies, existing.adminToken);
    await publishAll(registry, options.agencies, existing.publisherTokens);
    return existing;
  }
  const adminToken = options.newAdminToken;
  if (!adminToken) {
    throw new Error(
      `demo seed: basis data sudah berisi administrator tetapi ${stateFile} tidak ada; hapus folder data untuk memulai ulang demo ` +
        '(the database has an administrator but the demo credentials are missing; remove the data folder to restart the demo)',
    );
  }

  type CreatedUser = { user: { id: string }; token: { token: string } | null };
  const publisherTokens: Record<string, string> = {};
  for (const agency of demoAgencies) {
    await registry.expect('POST', '/v1/admin/agencies', adminToken, { slug: agency.slug, name: agency.name, contact: `${agency.slug}@pacitankab.go.id` }, [201, 409]);
    const created = await registry.expect<CreatedUser>('POST', '/v1/admin/users', adminToken, {
      name: `Publisher ${agency.shortName}`,
      email: `publisher@${agency.slug}.pacitankab.go.id`,
      role: 'publisher',
      agency: agency.slug,
    }, [201]);
    publisherTokens[agency.slug] = created.token!.token;
  }
  await allowOwnHosts(registry, options.agencies, adminToken);
  await publishAll(registry, options.agencies, publisherTokens);

  const evaluator = await registry.expect<CreatedUser>('POST', '/v1/admin/users', adminToken, {
    name: 'Tim Monev Inspektorat', email: 'monev@inspektorat.pacitankab.go.id', role: 'evaluator',
  }, [201]);
  const requester = await registry.expect<CreatedUser>('POST', '/v1/admin/users', adminToken, {
    name: 'Pengembang Satu Data', email: 'satudata@bappeda.pacitankab.go.id', role: 'requester', organization: 'Bappeda Kabupaten Pacitan',
  }, [201]);
  const requesterToken = requester.token!.token;

  const client = await registry.expect<{ id: string }>('POST', '/v1/clients', requesterToken, {
    name: 'Dasbor Satu Data Pacitan', organization: 'Bappeda Kabupaten Pacitan', contact: 'satudata@bappeda.pacitankab.go.id',
  }, [201]);
  const now = new Date();
  const request = await registry.expect<{ id: string }>('POST', '/v1/access-requests', requesterToken, {
    clientId: client.id,
    graph: 'semua',
    coordinates: DEMO_COORDINATES,
    purpose: 'Dasbor layanan terpadu: profil warga dengan izin usaha dan kepesertaan JKN untuk perencanaan pembangunan',
    legalBasis: 'Perbup Pacitan 138/2023 tentang Sistem Penghubung Layanan',
    periodStart: now.toISOString(),
    periodEnd: new Date(now.getTime() + 365 * 24 * 3600 * 1000).toISOString(),
    quotaPerDay: 10_000,
  }, [201]);
  await registry.expect('POST', `/v1/access-requests/${request.id}/approve`, adminToken, { reason: 'Tujuan dan dasar hukum sesuai' }, [200]);
  for (const agency of demoAgencies) {
    const result = await registry.call('POST', `/v1/access-requests/${request.id}/grant`, publisherTokens[agency.slug]!, {
      reason: 'Diberikan sesuai persetujuan administrator',
    });
    // An agency none of whose fields were asked for has nothing to grant.
    if (![200, 201, 403, 404, 409, 422].includes(result.status)) {
      throw new Error(`demo seed: grant by ${agency.slug} → ${result.status}: ${JSON.stringify(result.body)}`);
    }
  }
  const { apiKey } = await registry.expect<{ apiKey: string }>(
    'POST', `/v1/clients/${client.id}/credentials`, requesterToken, { label: 'demo' }, [201],
  );

  const permits = JSON.parse(
    await fs.readFile(new URL('../subgraphs/dpmptsp/data/izin-usaha.json', import.meta.url), 'utf8'),
  ) as { nikPemilik: string }[];
  const state: DemoState = {
    adminToken,
    evaluatorToken: evaluator.token!.token,
    publisherTokens,
    requesterToken,
    clientId: client.id,
    apiKey,
    sampleNik: permits[0]!.nikPemilik,
  };
  await fs.writeFile(stateFile, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  return state;
}
