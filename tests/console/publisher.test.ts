/**
 * The publisher's console pages in a real browser against the running demo bus (registry, gateway,
 * the agencies' subgraphs): a Disdukcapil publisher created with a password signs in, reads its
 * subgraph's versions and the diff between them, checks a breaking schema, grants part of one
 * approved request and declines another with a reason that is script (shown as text, never run),
 * revokes a grant, and finds the demo client's accesses and refusals in the usage page.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_QUERY } from '../../scripts/demoSeed.ts';
import { demoAgencies, readDemoSchema } from '../../subgraphs/index.ts';
import { startTestBus, type TestBus } from '../support/bus.ts';
import { postGraphQL } from '../support/graphql.ts';
import { launchBrowser, newConsolePage, signIn } from './browser.ts';

const EMAIL = 'penerbit.konsol@disdukcapil.pacitankab.go.id';
const PASSWORD = 'kata-sandi-penerbit-uji-2026';
const SCRIPT_REASON = '<script>alert(1)</script> bukan kewenangan';
/** Dinkes takes over `Penduduk.nama` from Disdukcapil: a change held until Disdukcapil consents. */
const OVERRIDE_SDL = readDemoSchema(demoAgencies.find((agency) => agency.slug === 'dinkes')!)
  .replace('import: ["@key", "@tag"]', 'import: ["@key", "@tag", "@override"]')
  .replace(/type Penduduk @key\(fields: "nik"\) \{\n {2}nik: String!([^\n]*)\n/, (whole) => `${whole}  nama: String! @override(from: "disdukcapil")\n`);

interface AccessRequestView {
  id: string;
  items: { coordinate: string; status: string }[];
  grants: { id: string; coordinate: string; state: string; revokeReason: string | null }[];
  agencyDecisions: { decision: string; reason: string }[];
}

let bus: TestBus;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
let admin: string;
let requester: string;
let publisher: string;
let partialRequest: string;
let declinedRequest: string;

async function approvedRequest(coordinates: string[], purpose: string): Promise<string> {
  const now = Date.now();
  const created = await bus.call<{ id: string }>(requester, 'POST', '/v1/access-requests', {
    clientId: bus.system.demo!.clientId,
    graph: 'semua',
    coordinates,
    purpose,
    legalBasis: 'Perbup Pacitan 138/2023 Pasal 5',
    periodStart: new Date(now - 60_000).toISOString(),
    periodEnd: new Date(now + 90 * 86_400_000).toISOString(),
  });
  expect(created.status).toBe(201);
  const approved = await bus.call(admin, 'POST', `/v1/access-requests/${created.body.id}/approve`, { reason: 'Sesuai tugas pokok' });
  expect(approved.status).toBe(200);
  return created.body.id;
}

beforeAll(async () => {
  browser = await launchBrowser();
  bus = await startTestBus('penghubung-console-publisher-');
  const demo = bus.system.demo!;
  admin = demo.adminToken;
  requester = demo.requesterToken;
  publisher = demo.publisherTokens.disdukcapil!;

  const user = await bus.call(admin, 'POST', '/v1/admin/users', {
    name: 'Penerbit Konsol Disdukcapil',
    email: EMAIL,
    role: 'publisher',
    agency: 'disdukcapil',
    password: PASSWORD,
  });
  expect(user.status).toBe(201);

  // A second version of Disdukcapil's subgraph: one safe change to show as a diff.
  const listed = await bus.call<{ subgraphs: { routingUrl: string }[] }>(publisher, 'GET', '/v1/subgraphs?agency=disdukcapil');
  const published = await bus.call(publisher, 'POST', '/v1/subgraphs/publish', {
    name: 'disdukcapil',
    theme: 'kependudukan',
    routingUrl: listed.body.subgraphs[0]!.routingUrl,
    schema: await readFile(new URL('../../examples/dengan-ponsel.graphql', import.meta.url), 'utf8'),
  });
  expect(published.status).toBe(201);

  partialRequest = await approvedRequest(
    ['Query.penduduk', 'Penduduk.nama', 'Penduduk.tanggalLahir'],
    'Verifikasi data kelahiran untuk layanan akta kecamatan',
  );
  declinedRequest = await approvedRequest(['Query.penduduk', 'Penduduk.golonganDarah'], 'Pendataan golongan darah untuk donor');

  const held = await bus.call<{ pending?: boolean }>(demo.publisherTokens.dinkes!, 'POST', '/v1/subgraphs/publish', {
    name: 'dinkes',
    theme: 'kesehatan',
    routingUrl: bus.system.agencies!.bySlug.dinkes!.subgraphUrl,
    schema: OVERRIDE_SDL,
  });
  expect(held.status).toBe(202);

  // The demo client reads granted fields and is refused one: the usage page's material.
  const headers = { authorization: `Bearer ${demo.apiKey}` };
  const allowed = await postGraphQL(bus.gatewayUrl, DEMO_QUERY, { variables: { nik: demo.sampleNik }, headers });
  expect(allowed.body.errors).toBeUndefined();
  const refused = await postGraphQL(bus.gatewayUrl, 'query Darah($nik: String!) { penduduk(nik: $nik) { nama golonganDarah } }', {
    variables: { nik: demo.sampleNik },
    headers,
  });
  expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN_FIELD');

  ({ context, page, pageErrors } = await newConsolePage(browser));
  await signIn(page, bus.registryUrl, EMAIL, PASSWORD);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await bus?.close();
});

describe('publisher console', () => {
  it('opens on a home page with what waits for the agency', async () => {
    await expect(page.getByTestId('page-title').innerText()).resolves.toBe('Beranda Penerbit');
    await expect.poll(() => page.getByTestId('home-requests-count').innerText()).toBe('2');
    await expect.poll(() => page.getByTestId('home-subgraphs-count').innerText()).toBe('1');
    await expect.poll(() => page.getByTestId('home-changes-count').innerText()).toBe('1');
    // The navigation shows the same counts from the inbox.
    await expect.poll(() => page.getByTestId('nav-publisher-requests').getByTestId('inbox-count').innerText()).toBe('2');
    await expect.poll(() => page.getByTestId('nav-publisher-changes').getByTestId('inbox-count').innerText()).toBe('1');
    await page.getByTestId('home-requests-open').click();
    await page.waitForURL('**/console/penerbit/permohonan');
    await expect.poll(() => page.getByTestId('table-row').count()).toBe(2);
  });

  it("shows the agency's subgraph, its versions and the diff between them", async () => {
    await page.getByTestId('nav-publisher-subgraphs').click();
    await page.getByTestId('subgraph-link-disdukcapil').click();
    await page.waitForURL('**/penerbit/subgraph/disdukcapil');
    await expect.poll(() => page.getByTestId('version-table').getByTestId('table-row').count()).toBe(2);
    // The newest version opens first: one field added, a safe change, with its SDL line.
    const detail = page.getByTestId('version-detail');
    await expect(detail.getAttribute('data-version')).resolves.toBe('2');
    const added = detail.getByTestId('diff-group-added');
    await expect(added.innerText()).resolves.toContain('Penduduk.nomorPonsel');
    const levels = await added.getByTestId('criticality').evaluateAll((badges) => badges.map((badge) => badge.getAttribute('data-criticality')));
    expect(levels.length).toBeGreaterThan(0);
    expect(new Set(levels)).toEqual(new Set(['SAFE']));
    await expect(detail.getByTestId('diff-group-removed').count()).resolves.toBe(0);
    await expect(detail.getByTestId('diff-line-added').filter({ hasText: 'nomorPonsel: String' }).count()).resolves.toBe(1);
    // Its check report: every graph composed.
    await detail.getByTestId('tab-checks').click();
    await expect(detail.getByTestId('check-report').getAttribute('data-passed')).resolves.toBe('true');
    await expect.poll(() => detail.getByTestId('composition-row').count()).toBeGreaterThan(0);
    // The first version.
    await page.getByTestId('version-link-1').click();
    await page.waitForURL('**/penerbit/subgraph/disdukcapil/versi/1');
    await expect.poll(() => page.getByTestId('version-detail').getAttribute('data-version')).toBe('1');
    await expect(page.getByTestId('tab-diff').innerText()).resolves.toBe('Versi pertama');
  });

  it('checks a schema that removes a field and marks the change as breaking', async () => {
    await page.getByTestId('check-this-subgraph').click();
    await page.waitForURL('**/penerbit/periksa?subgraph=disdukcapil');
    await expect.poll(() => page.getByTestId('check-theme').inputValue()).toBe('kependudukan');
    await expect(page.getByTestId('check-routing-url').inputValue()).resolves.toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    const sdl = await readFile(new URL('../../examples/tanpa-golongan-darah.graphql', import.meta.url), 'utf8');
    await page.getByTestId('check-schema').fill(sdl);
    await page.getByTestId('check-submit').click();
    const report = page.getByTestId('check-report');
    await expect.poll(() => report.getAttribute('data-passed')).toBe('false');
    const removed = report.getByTestId('diff-group-removed');
    await expect(removed.innerText()).resolves.toContain('Penduduk.golonganDarah');
    await expect(removed.getByTestId('criticality').first().getAttribute('data-criticality')).resolves.toBe('BREAKING');
    // Nothing was stored: the subgraph is still at version 2.
    const versions = await bus.call<{ versions: unknown[] }>(publisher, 'GET', '/v1/subgraphs/disdukcapil/versions');
    expect(versions.body.versions).toHaveLength(2);
  });

  it('grants part of an approved request; the field left out is declined', async () => {
    await page.getByTestId('nav-publisher-requests').click();
    await page.getByTestId('request-table-filter').fill('kelahiran');
    await expect.poll(() => page.getByTestId('table-row').count()).toBe(1);
    await page.getByTestId('request-link').click();
    await page.waitForURL(`**/penerbit/permohonan/${partialRequest}`);
    await expect(page.getByTestId('request-purpose').innerText()).resolves.toBe('Verifikasi data kelahiran untuk layanan akta kecamatan');
    await expect(page.getByTestId('request-legal-basis').innerText()).resolves.toBe('Perbup Pacitan 138/2023 Pasal 5');
    const tanggalLahir = page.locator('[data-testid="decision-field"][data-coordinate="Penduduk.tanggalLahir"]');
    await expect(tanggalLahir.getByTestId('classification').innerText()).resolves.not.toBe('tidak diketahui');
    await expect(tanggalLahir.getByTestId('personal-data').count()).resolves.toBe(1);
    await page.getByTestId('field-select-Penduduk.tanggalLahir').uncheck();
    await expect(page.getByTestId('grant-submit').isDisabled()).resolves.toBe(true); // no reason yet
    await page.getByTestId('decision-reason').fill('Tanggal lahir tidak diperlukan untuk tujuan ini');
    await expect(page.getByTestId('grant-submit').innerText()).resolves.toBe('Berikan 2 field terpilih');
    await page.getByTestId('grant-submit').click();
    await page.getByTestId('decision-done').waitFor();

    const stored = await bus.call<AccessRequestView>(publisher, 'GET', `/v1/access-requests/${partialRequest}`);
    const status = Object.fromEntries(stored.body.items.map((item) => [item.coordinate, item.status]));
    expect(status).toEqual({ 'Query.penduduk': 'granted', 'Penduduk.nama': 'granted', 'Penduduk.tanggalLahir': 'declined' });
    expect(stored.body.grants.map((grant) => grant.coordinate).sort()).toEqual(['Penduduk.nama', 'Query.penduduk']);
  });

  it('declines another request with a reason that is script: kept and shown as text, never run', async () => {
    await page.goto(`${bus.registryUrl}/console/penerbit/permohonan`);
    await expect.poll(() => page.getByTestId('table-row').count()).toBe(1);
    await page.getByTestId('request-link').click();
    await page.waitForURL(`**/penerbit/permohonan/${declinedRequest}`);
    await page.getByTestId('decision-reason').fill(SCRIPT_REASON);
    await page.getByTestId('decline-submit').click();
    await page.getByTestId('decision-done').waitFor();
    await expect.poll(() => page.getByTestId('agency-decision-reason').innerText()).toBe(SCRIPT_REASON);
    await expect(page.locator('script', { hasText: 'alert(1)' }).count()).resolves.toBe(0);

    const stored = await bus.call<AccessRequestView>(publisher, 'GET', `/v1/access-requests/${declinedRequest}`);
    expect(stored.body.agencyDecisions).toEqual([expect.objectContaining({ decision: 'declined', reason: SCRIPT_REASON })]);
    expect(stored.body.grants).toEqual([]);
    // The inbox is empty now.
    await page.getByTestId('back-to-inbox').click();
    await expect.poll(() => page.getByTestId('table-row').count()).toBe(0);
  });

  it('revokes a grant with a reason', async () => {
    await page.getByTestId('nav-publisher-grants').click();
    await page.getByTestId('grant-table-filter').fill('Penduduk.nama');
    await expect.poll(() => page.getByTestId('table-row').count()).toBe(2); // the demo request's and the new one
    await page.getByTestId('table-row').first().getByTestId('revoke-Penduduk.nama').click();
    await page.getByTestId('revoke-reason').fill('Masa uji coba selesai');
    await page.getByTestId('revoke-confirm').click();
    await page.getByTestId('revoke-dialog').waitFor({ state: 'detached' });
    // In force only: one grant on the field is left.
    await expect.poll(() => page.getByTestId('table-row').count()).toBe(1);

    const grants = await bus.call<{ coordinate: string; state: string; revokeReason: string | null }[]>(publisher, 'GET', '/v1/grants');
    const revoked = grants.body.filter((grant) => grant.coordinate === 'Penduduk.nama' && grant.state === 'revoked');
    expect(revoked).toHaveLength(1);
    expect(revoked[0]!.revokeReason).toBe('Masa uji coba selesai');
  });

  it("shows who used the agency's fields and who was refused, from the log", async () => {
    await page.getByTestId('nav-publisher-usage').click();
    await page.getByTestId('usage-table-filter').fill('Penduduk.nama');
    const nama = page.getByTestId('usage-table').getByTestId('table-row').filter({ hasText: 'Dasbor Satu Data Pacitan' });
    await expect.poll(() => nama.count()).toBe(1);
    expect(Number(await nama.getByTestId('usage-requests').innerText())).toBeGreaterThanOrEqual(1);
    await page.getByTestId('usage-table-filter').fill('golonganDarah');
    const darah = page.getByTestId('usage-table').getByTestId('table-row');
    await expect.poll(() => darah.count()).toBe(1);
    await expect(darah.getByTestId('usage-refusals').innerText()).resolves.toBe('1');
    expect(Number(await page.getByTestId('usage-total-refusals').innerText())).toBeGreaterThanOrEqual(1);
    // A range with no traffic.
    await page.getByTestId('usage-from').fill('2020-01-01');
    await page.getByTestId('usage-to').fill('2020-01-31');
    await page.getByTestId('usage-apply').click();
    await expect.poll(() => page.getByTestId('usage-total-requests').innerText()).toBe('0');
    // An inverted range: the registry's message and what to do next.
    await page.getByTestId('usage-from').fill('2020-02-01');
    await page.getByTestId('usage-apply').click();
    await expect.poll(() => page.getByTestId('error-message').innerText()).toContain('terbalik');
    await expect(page.getByTestId('error-alert').innerText()).resolves.toContain('Periksa isian');
  });

  it("declines another agency's change that reaches its field, with a reason", async () => {
    await page.getByTestId('nav-publisher-changes').click();
    const rows = page.getByTestId('change-table').getByTestId('table-row');
    await expect.poll(() => rows.count()).toBe(1);
    await rows.first().click();
    const detail = page.getByTestId('change-detail');
    await expect(detail.getByTestId('change-reaches').innerText()).resolves.toContain('Penduduk.nama');
    await expect(detail.getByTestId('change-decline').isDisabled()).resolves.toBe(true); // a reason is needed
    await detail.getByTestId('change-reason').fill('Nama penduduk tetap dilayani Disdukcapil');
    await detail.getByTestId('change-decline').click();
    await expect.poll(() => rows.count()).toBe(0);
    await expect.poll(() => page.getByTestId('nav-publisher-changes').getByTestId('inbox-count').count()).toBe(0);

    const declined = await bus.call<{ changes: { subgraph: string; status: string; reason: string }[] }>(publisher, 'GET', '/v1/cross-agency-changes?status=declined');
    expect(declined.body.changes).toEqual([expect.objectContaining({ subgraph: 'dinkes', status: 'declined', reason: 'Nama penduduk tetap dilayani Disdukcapil' })]);
  });

  it('switches to English, keeps to its own section, and ran no script from data', async () => {
    await page.getByTestId('language-switch').getByText('EN').click();
    await expect.poll(() => page.getByTestId('page-title').innerText()).toBe('Cross-agency changes');
    await expect.poll(() => page.getByTestId('change-table').innerText()).toContain('No cross-agency changes.');
    // Another role's pages are not the publisher's.
    await page.goto(`${bus.registryUrl}/console/admin`);
    await page.getByTestId('not-allowed').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
