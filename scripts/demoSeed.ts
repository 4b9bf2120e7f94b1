/**
 * The demo seed: everything a new installation shows on first start, done through the registry's own
 * HTTP API exactly as people would do it — agencies and their publishers, each agency's subgraph
 * published through the real publish path, then one requester's whole access procedure (request →
 * administrator approval → each owning agency's grant → API key). Tokens are kept in the data folder
 * (mode 0600) so a restart reuses them.
 *
 * The seed is a journal: each step's result (a token shown once, an id) is written to the state file
 * as soon as the registry returns it, and every step is skipped when the journal says it is done.
 * Each step is one registry transaction, so a failed step leaves nothing of itself behind. A step
 * whose answer was lost (the process died between the registry's answer and the journal write) is
 * found again rather than repeated: a user that exists gets a new token, the demo client and its
 * access request are looked up by name and client. A start that fails half-way (a crash, a stopped
 * registry, a refused step) therefore leaves nothing that blocks the next start: that start
 * finishes the seed, creating nothing twice. A restart never re-publishes the demo schemas over what
 * publishers published since: it republishes each agency's current schema, only to point the
 * registry at where the agency listens now.
 *
 * Four staff accounts get console passwords (the administrator, Disdukcapil's publisher, the
 * requester, the evaluator): generated per installation, written to the journal before the registry
 * sets them (so a lost answer is repeated with the same password), and kept across restarts.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fetch } from 'undici';
import { StartupProblem } from '../lib/startupError.ts';
import { generatePassword } from '../registry/session/passwords.ts';
import { demoAgencies, readDemoSchema, type StartedDemoAgencies } from '../subgraphs/index.ts';

export interface DemoState {
  /** Where the seeded database is (the PGlite folder or the PostgreSQL URL without its password). */
  database?: string;
  adminToken: string;
  evaluatorToken: string;
  publisherTokens: Record<string, string>;
  requesterToken: string;
  clientId: string;
  apiKey: string;
  sampleNik: string;
  /** The console sign-in accounts, with their passwords. */
  accounts: DemoAccount[];
}

export type DemoAccountRole = 'administrator' | 'publisher' | 'requester' | 'evaluator';

export interface DemoAccount {
  role: DemoAccountRole;
  email: string;
  password: string;
  /** False until the registry has stored the password (a step whose answer may have been lost). */
  set: boolean;
}

/** The demo's sign-in accounts, in the order they are printed. */
export const DEMO_ACCOUNT_EMAILS: Record<Exclude<DemoAccountRole, 'administrator'>, string> = {
  publisher: 'publisher@disdukcapil.pacitankab.go.id',
  requester: 'satudata@bappeda.pacitankab.go.id',
  evaluator: 'monev@inspektorat.pacitankab.go.id',
};

/**
 * The fields the demo requester asks for: a resident joined with their permits and health cover, and
 * what the side-by-side bench's queries select (bench/sideBySide.bench.ts: a permit by number, every
 * permit with its owner, the documents of DPMPTSP through the `Perizinan` interface with their owners).
 */
export const DEMO_COORDINATES = [
  'Query.penduduk',
  'Penduduk.nik',
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
  'JaminanKesehatan.jenisPeserta',
  'Query.izinUsaha',
  'Query.daftarIzinUsaha',
  'IzinUsaha.pemilik',
  'IzinUsaha.tanggalTerbit',
  'Query.daftarPerizinan',
  'PersetujuanBangunanGedung.nomor',
  'PersetujuanBangunanGedung.namaBangunan',
  'PersetujuanBangunanGedung.fungsiBangunan',
  'PersetujuanBangunanGedung.tanggalTerbit',
  'PersetujuanBangunanGedung.status',
  'PersetujuanBangunanGedung.pemilik',
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
    const json = (response.headers.get('content-type') ?? '').includes('application/json');
    return { status: response.status, body: (json && text ? JSON.parse(text) : text) as T };
  }

  async expect<T>(method: 'GET' | 'POST' | 'PUT', route: string, token: string, body: unknown, ok: number[]): Promise<T> {
    const result = await this.call<T>(method, route, token, body);
    if (!ok.includes(result.status)) {
      throw new DemoSeedError(`${method} ${route} → HTTP ${result.status}: ${describeRefusal(result.body)}`);
    }
    return result.body;
  }
}

/** A demo seed step the registry refused: one readable line, never a JSON dump. */
export class DemoSeedError extends StartupProblem {
  override readonly name = 'DemoSeedError';
  constructor(detail: string) {
    super(`seed demo gagal / demo seed failed: ${detail}`);
  }
}

function describeRefusal(body: unknown): string {
  if (body && typeof body === 'object' && 'message' in body) {
    const { code, message } = body as { code?: string; message: string };
    return `${code ?? ''} ${message}`.trim().slice(0, 300);
  }
  return String(body).slice(0, 300);
}

/** What to do to start the demo over, per database kind: a PGlite folder is deleted, a PostgreSQL database is dropped. */
export function demoResetAdvice(database: { kind: 'pglite' | 'postgres'; location: string }, dataDir: string): string {
  return database.kind === 'pglite'
    ? `hentikan Penghubung lalu hapus folder ${database.location} dan ${path.join(dataDir, 'demo-credentials.json')} ` +
        `(stop Penghubung, then delete that folder and the credentials file)`
    : `pakai basis data PostgreSQL yang kosong: DROP DATABASE lalu CREATE DATABASE untuk ${database.location}, ` +
        `atau arahkan DATABASE_URL ke basis data baru (use an empty PostgreSQL database: drop and create it, or point DATABASE_URL at a new one)`;
}

const ACCOUNT_LABELS: Record<DemoAccountRole, string> = {
  administrator: 'Administrator / administrator',
  publisher: 'Penerbit Disdukcapil / publisher',
  requester: 'Pemohon / requester',
  evaluator: 'Evaluator / evaluator',
};

/** What `npm start` prints for signing in to the console: its address and each account, Indonesian first. */
export function demoAccountLines(accounts: readonly DemoAccount[], consoleUrl: string): string[] {
  const width = Math.max(...accounts.map((account) => account.email.length));
  return [
    `Masuk ke konsol / sign in to the console: ${consoleUrl}`,
    ...accounts.map((account) => `  ${ACCOUNT_LABELS[account.role].padEnd(34)} ${account.email.padEnd(width)}  kata sandi / password: ${account.password}`),
  ];
}

type Journal = Partial<DemoState> & { publisherTokens: Record<string, string>; requestId?: string; complete?: boolean };

/**
 * Gives the four demo accounts their console passwords, once per installation: each password is
 * generated and saved in the journal first, then set through the administrator's reset route; an
 * account whose setting was not confirmed is set again with the same password.
 */
async function ensureAccounts(registry: RegistryClient, adminToken: string, state: Journal, save: () => Promise<void>): Promise<void> {
  const accounts = (state.accounts ??= []);
  if (accounts.length === 4 && accounts.every((account) => account.set)) return;
  const { users } = await registry.expect<{ users: { id: string; email: string; role: string }[] }>('GET', '/v1/admin/users', adminToken, undefined, [200]);
  const me = await registry.expect<{ userId: string }>('GET', '/v1/me', adminToken, undefined, [200]);
  const emails: Record<DemoAccountRole, string | undefined> = {
    administrator: users.find((user) => user.id === me.userId)?.email,
    ...DEMO_ACCOUNT_EMAILS,
  };
  for (const role of ['administrator', 'publisher', 'requester', 'evaluator'] as const) {
    const email = emails[role];
    const user = users.find((candidate) => candidate.email === email);
    if (!email || !user) throw new DemoSeedError(`akun demo ${role} tidak ditemukan (demo account ${role} not found)`);
    let account = accounts.find((candidate) => candidate.role === role);
    if (account?.set) continue;
    if (!account) {
      account = { role, email, password: generatePassword(), set: false };
      accounts.push(account);
      await save();
    }
    await registry.expect('POST', `/v1/admin/users/${user.id}/password`, adminToken, { password: account.password, reason: 'akun demo (demo account)' }, [200]);
    account.set = true;
    await save();
  }
}

async function readJournal(file: string): Promise<Journal | null> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return null;
  }
  const parsed = JSON.parse(text) as Journal;
  // A file written before the seed kept a journal: whatever it holds was a finished seed.
  if (parsed.complete === undefined && parsed.apiKey) parsed.complete = true;
  return { ...parsed, publisherTokens: parsed.publisherTokens ?? {} };
}

/** Written whole to a temporary file and renamed over the old one, so a crash never leaves half a file. */
async function writeJournal(file: string, journal: Journal): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, `${JSON.stringify(journal, null, 2)}\n`, { mode: 0o600 });
  await fs.rename(temporary, file);
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

/**
 * Publishes each demo agency's subgraph at the URL it listens on now. An agency that already has a
 * schema keeps it (whatever its publisher published since, e.g. a v2 with a new field): the same
 * SDL is published again, which only moves the routing URL when it changed.
 */
async function publishAll(registry: RegistryClient, agencies: StartedDemoAgencies, tokens: Record<string, string>): Promise<void> {
  for (const started of agencies.agencies) {
    const token = tokens[started.agency.slug];
    if (!token) throw new DemoSeedError(`no publisher token for ${started.agency.slug}`);
    const current = await registry.call<string>('GET', `/v1/subgraphs/${encodeURIComponent(started.agency.subgraphName)}/sdl`, token);
    const schema = current.status === 200 && typeof current.body === 'string' ? current.body : readDemoSchema(started.agency);
    await registry.expect('POST', '/v1/subgraphs/publish', token, {
      name: started.agency.subgraphName,
      theme: started.agency.theme,
      routingUrl: started.subgraphUrl,
      schema,
      description: `Layanan ${started.agency.name}`,
      contact: `${started.agency.slug}@pacitankab.go.id`,
    }, [200, 201]);
  }
}

const DEMO_CLIENT_NAME = 'Dasbor Satu Data Pacitan';

/**
 * A demo user's registry token: created with the user, or, when the user exists already (created by a
 * start whose answer was lost), a new token issued to that user.
 */
async function ensureUser(registry: RegistryClient, adminToken: string, spec: Record<string, string> & { email: string }): Promise<string> {
  const created = await registry.call<{ token: { token: string } | null }>('POST', '/v1/admin/users', adminToken, spec);
  if (created.status === 201 && created.body.token) return created.body.token.token;
  if (created.status !== 409) throw new DemoSeedError(`POST /v1/admin/users → HTTP ${created.status}: ${describeRefusal(created.body)}`);
  const { users } = await registry.expect<{ users: { id: string; email: string }[] }>('GET', '/v1/admin/users', adminToken, undefined, [200]);
  const existing = users.find((candidate) => candidate.email === spec.email);
  if (!existing) throw new DemoSeedError(`POST /v1/admin/users → HTTP 409 for ${spec.email}, but no such user is listed`);
  const issued = await registry.expect<{ token: string }>('POST', `/v1/admin/users/${existing.id}/tokens`, adminToken, { label: 'demo' }, [201]);
  return issued.token;
}

export async function seedDemo(options: {
  registryUrl: string;
  dataDir: string;
  agencies: StartedDemoAgencies;
  /** The database the registry runs on: the seed belongs to it, and resetting it differs per kind. */
  database: { kind: 'pglite' | 'postgres'; location: string };
  /** The administrator token bootstrap just created; null when the installation already had one. */
  newAdminToken: string | null;
}): Promise<DemoState> {
  const registry = new RegistryClient(options.registryUrl);
  const stateFile = path.join(options.dataDir, 'demo-credentials.json');
  let journal = await readJournal(stateFile);

  // Credentials of another database (e.g. ./data moved from PGlite to PostgreSQL): a fresh database
  // gets a fresh demo, and the old credentials are kept beside it.
  if (journal && journal.database !== undefined && journal.database !== options.database.location) {
    if (!options.newAdminToken) {
      throw new DemoSeedError(
        `${stateFile} milik basis data ${journal.database}, bukan ${options.database.location}, dan basis data ini sudah ` +
          `berisi administrator lain; ${demoResetAdvice(options.database, options.dataDir)}`,
      );
    }
    await fs.rename(stateFile, path.join(options.dataDir, 'demo-credentials.previous.json'));
    journal = null;
  }
  if (journal && options.newAdminToken) {
    // The database is new (its administrator was created just now) but the credentials are old: the
    // tokens in the file name nobody here. Start a new journal for this database.
    await fs.rename(stateFile, path.join(options.dataDir, 'demo-credentials.previous.json'));
    journal = null;
  }
  const adminToken = journal?.adminToken ?? options.newAdminToken;
  if (!adminToken) {
    throw new DemoSeedError(
      `basis data ${options.database.location} sudah berisi administrator tetapi ${stateFile} tidak ada ` +
        `(the database has an administrator but the demo credentials are missing); ${demoResetAdvice(options.database, options.dataDir)}`,
    );
  }
  const state: Journal = journal ?? { database: options.database.location, adminToken, publisherTokens: {} };
  state.database = options.database.location;
  state.adminToken = adminToken;
  const save = () => writeJournal(stateFile, state);
  await save();

  if (state.complete) {
    await allowOwnHosts(registry, options.agencies, adminToken);
    await publishAll(registry, options.agencies, state.publisherTokens);
    // A demo seeded before the console had accounts gets them now.
    await ensureAccounts(registry, adminToken, state, save);
    return state as DemoState;
  }

  const user = (spec: Record<string, string> & { email: string }) => ensureUser(registry, adminToken, spec);
  for (const agency of demoAgencies) {
    await registry.expect('POST', '/v1/admin/agencies', adminToken, { slug: agency.slug, name: agency.name, contact: `${agency.slug}@pacitankab.go.id` }, [201, 409]);
    if (state.publisherTokens[agency.slug]) continue;
    state.publisherTokens[agency.slug] = await user({
      name: `Publisher ${agency.shortName}`,
      email: `publisher@${agency.slug}.pacitankab.go.id`,
      role: 'publisher',
      agency: agency.slug,
    });
    await save();
  }
  await allowOwnHosts(registry, options.agencies, adminToken);
  await publishAll(registry, options.agencies, state.publisherTokens);

  if (!state.evaluatorToken) {
    state.evaluatorToken = await user({ name: 'Tim Monev Inspektorat', email: DEMO_ACCOUNT_EMAILS.evaluator, role: 'evaluator' });
    await save();
  }
  if (!state.requesterToken) {
    state.requesterToken = await user({
      name: 'Pengembang Satu Data', email: DEMO_ACCOUNT_EMAILS.requester, role: 'requester', organization: 'Bappeda Kabupaten Pacitan',
    });
    await save();
  }
  const requesterToken = state.requesterToken;

  if (!state.clientId) {
    // Created before, its answer lost: the requester's client of that name is the demo's.
    const existing = (await registry.expect<{ id: string; name: string }[]>('GET', '/v1/clients', requesterToken, undefined, [200])).find(
      (client) => client.name === DEMO_CLIENT_NAME,
    );
    state.clientId =
      existing?.id ??
      (
        await registry.expect<{ id: string }>('POST', '/v1/clients', requesterToken, {
          name: DEMO_CLIENT_NAME, organization: 'Bappeda Kabupaten Pacitan', contact: 'satudata@bappeda.pacitankab.go.id',
        }, [201])
      ).id;
    await save();
  }
  const clientId = state.clientId;

  if (!state.requestId) {
    const existing = (await registry.expect<{ id: string; client: { id: string } }[]>('GET', '/v1/access-requests', requesterToken, undefined, [200])).find(
      (request) => request.client.id === clientId,
    );
    if (existing) state.requestId = existing.id;
  }
  if (!state.requestId) {
    const now = new Date();
    const request = await registry.expect<{ id: string }>('POST', '/v1/access-requests', requesterToken, {
      clientId,
      graph: 'semua',
      coordinates: DEMO_COORDINATES,
      purpose: 'Dasbor layanan terpadu: profil warga dengan izin usaha dan kepesertaan JKN untuk perencanaan pembangunan',
      legalBasis: 'Perbup Pacitan 138/2023 tentang Sistem Penghubung Layanan',
      periodStart: now.toISOString(),
      periodEnd: new Date(now.getTime() + 365 * 24 * 3600 * 1000).toISOString(),
      quotaPerDay: 10_000,
    }, [201]);
    state.requestId = request.id;
    await save();
  }
  const requestId = state.requestId;
  const current = await registry.expect<{ status: string }>('GET', `/v1/access-requests/${requestId}`, adminToken, undefined, [200]);
  if (current.status === 'pending') {
    await registry.expect('POST', `/v1/access-requests/${requestId}/approve`, adminToken, { reason: 'Tujuan dan dasar hukum sesuai' }, [200]);
  }
  for (const agency of demoAgencies) {
    const result = await registry.call('POST', `/v1/access-requests/${requestId}/grant`, state.publisherTokens[agency.slug]!, {
      reason: 'Diberikan sesuai persetujuan administrator',
    });
    // An agency none of whose fields were asked for has nothing to grant; one that already decided
    // (a resumed seed) answers 409.
    if (![200, 201, 403, 404, 409, 422].includes(result.status)) {
      throw new DemoSeedError(`grant by ${agency.slug} → HTTP ${result.status}: ${describeRefusal(result.body)}`);
    }
  }
  if (!state.apiKey) {
    const { apiKey } = await registry.expect<{ apiKey: string }>(
      'POST', `/v1/clients/${clientId}/credentials`, requesterToken, { label: 'demo' }, [201],
    );
    state.apiKey = apiKey;
    await save();
  }

  const permits = JSON.parse(
    await fs.readFile(new URL('../subgraphs/dpmptsp/data/izin-usaha.json', import.meta.url), 'utf8'),
  ) as { nikPemilik: string }[];
  state.sampleNik = permits[0]!.nikPemilik;
  await ensureAccounts(registry, adminToken, state, save);
  state.complete = true;
  await save();
  return state as DemoState;
}
