/**
 * The requester's console pages in a real browser against the whole demo bus: signed in with a
 * password, the requester browses and searches the directory, sees a script in a field description
 * and in a client name as text, registers a client, picks fields into a request and follows its
 * status to the reasons of the administrator's and the agency's decisions, takes an API key that is
 * shown once, and in the explorer gets data for granted fields and, for a refused one, the graphs
 * the key may use and a link to the request form with that field filled in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestBus, type TestBus } from '../support/bus.ts';
import { launchBrowser, newConsolePage, signIn } from './browser.ts';

const SCRIPT = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
const PASSWORD = 'kata-sandi-pemohon-uji-1';
const GRAPH = 'semua';
/** How long a page may take to show what it loads (a shared, busy machine). */
const WAIT = { timeout: 30_000 };

let bus: TestBus;
let browser: Browser;
let adminToken: string;
let publisherToken: string;

interface DirectoryBody {
  themes: { graphs: { name: string; subgraphs: { name: string; agency: { slug: string }; types: { name: string; fields: { coordinate: string }[] }[] }[] }[] }[];
}

async function must<T>(token: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', route: string, body: unknown, status: number): Promise<T> {
  const answer = await bus.call<T>(token, method, route, body);
  if (answer.status !== status) throw new Error(`${method} ${route}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Picks `option` of the Mantine Select or MultiSelect marked `testId`. */
async function choose(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Replaces the query in GraphiQL's editor and runs it. */
async function runQuery(page: Page, query: string): Promise<void> {
  const editor = page.locator('.graphiql-query-editor .monaco-editor').first();
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(query);
  await page.locator('.graphiql-execute-button').click();
}

beforeAll(async () => {
  browser = await launchBrowser();
  bus = await startTestBus('penghubung-console-requester-');
  const demo = bus.system.demo!;
  adminToken = demo.adminToken;
  publisherToken = demo.publisherTokens['disdukcapil']!;
  // A requester who signs in with a password, as an administrator creates one.
  await must(adminToken, 'POST', '/v1/admin/users', { name: 'Pemohon Bappeda', email: 'pemohon@bappeda.test', role: 'requester', organization: 'Bappeda Uji', password: PASSWORD }, 201);
  // A publisher's description holding markup: the directory must show it as text.
  const directory = await must<DirectoryBody>(adminToken, 'GET', '/v1/directory', undefined, 200);
  const subgraph = directory.themes.flatMap((theme) => theme.graphs).flatMap((graph) => graph.subgraphs).find((entry) => entry.agency.slug === 'disdukcapil' && entry.types.some((type) => type.fields.some((field) => field.coordinate === 'Penduduk.nama')))!;
  await must(publisherToken, 'PATCH', `/v1/subgraphs/${subgraph.name}/fields/Penduduk.nama`, { description: `Nama lengkap ${SCRIPT}`, reason: 'uji' }, 200);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await bus?.close();
});

describe('requester console', () => {
  it('browses and searches the directory, a script in a description stays text, registers a client, requests fields and follows the decisions', async () => {
    const { context, page, pageErrors } = await newConsolePage(browser);
    await signIn(page, bus.registryUrl, 'pemohon@bappeda.test', PASSWORD);
    expect(new URL(page.url()).pathname).toBe('/console/pemohon');
    await expect.poll(() => page.getByTestId('home-waiting-value').innerText(), WAIT).toBe('0');

    // A client application whose name holds markup.
    await page.getByTestId('nav-requester-clients').click();
    await page.getByTestId('client-name').fill(`Dasbor ${SCRIPT}`);
    await page.getByTestId('client-contact').fill('dasbor@bappeda.test');
    await page.getByTestId('client-submit').click();
    await page.getByTestId('keys-table').waitFor();
    await expect.poll(() => page.getByTestId('page-title').innerText(), WAIT).toBe(`Dasbor ${SCRIPT}`);
    // No key before a grant: the registry's reason is shown with what to do next.
    await page.getByTestId('key-label').fill('terlalu dini');
    await page.getByTestId('key-issue').click();
    await expect.poll(() => page.getByTestId('error-message').innerText(), WAIT).toContain('belum memiliki pemberian akses');
    expect(await page.getByTestId('secret-value').count()).toBe(0);
    await page.getByTestId('nav-requester-clients').click();
    await expect.poll(() => page.getByTestId('client-row-name').first().innerText(), WAIT).toBe(`Dasbor ${SCRIPT}`);

    // Browse: the all-themes graph lists Penduduk's fields with the description as text.
    await page.getByTestId('nav-requester-directory').click();
    await choose(page, 'directory-graph', GRAPH);
    await page.getByTestId('directory-fields-filter').fill('Penduduk.nama');
    const namaRow = page.getByTestId('directory-fields').getByTestId('table-row').filter({ has: page.getByText('Penduduk.nama', { exact: true }) });
    await expect(namaRow.getByTestId('field-description').innerText()).resolves.toBe(`Nama lengkap ${SCRIPT}`);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await namaRow.getByTestId('pick-field').click();

    // Search finds a field by a word of its name; it can be picked from the results.
    await page.getByTestId('directory-search').fill('penduduk');
    const hit = page.getByTestId('search-results').getByTestId('table-row').filter({ has: page.getByText('Query.penduduk', { exact: true }) });
    await hit.first().waitFor();
    await hit.first().getByTestId('pick-field').click();
    await expect.poll(() => page.getByTestId('picked-field').allInnerTexts(), WAIT).toEqual(['Penduduk.nama', 'Query.penduduk']);

    // The request form holds the picks; the single client is chosen already.
    await page.getByTestId('directory-continue').click();
    await page.getByTestId('request-purpose').fill('Perencanaan pembangunan desa berbasis data penduduk');
    await page.getByTestId('request-legal-basis').fill('Perbup Pacitan 138/2023 Pasal 5');
    await page.getByTestId('request-submit').click();
    await page.getByTestId('detail-items').waitFor();
    const requestId = new URL(page.url()).pathname.split('/').pop()!;
    await expect(page.getByTestId('status-badge').first().getAttribute('data-status')).resolves.toBe('pending');
    await expect(page.getByTestId('detail-items').getByTestId('table-row').count()).resolves.toBe(2);

    // The administrator approves and the agency grants, each with a reason holding markup.
    await must(adminToken, 'POST', `/v1/access-requests/${requestId}/approve`, { reason: `Sesuai tugas ${SCRIPT}` }, 200);
    await must(publisherToken, 'POST', `/v1/access-requests/${requestId}/grant`, { reason: 'Diberikan untuk perencanaan' }, 200);
    await page.reload();
    await page.getByTestId('detail-items').waitFor();
    await expect(page.getByTestId('status-badge').first().getAttribute('data-status')).resolves.toBe('granted');
    await expect(page.getByTestId('decision-reason').allInnerTexts()).resolves.toEqual([`Sesuai tugas ${SCRIPT}`, 'Diberikan untuk perencanaan']);

    // The list shows it decided; the home counts it.
    await page.getByTestId('nav-requester-requests').click();
    await page.getByTestId('requests-stage').getByText('Diputuskan').click();
    await expect.poll(() => page.getByTestId('requests-table').getByTestId('table-row').count(), WAIT).toBe(1);
    await page.getByTestId('nav-requester-home').click();
    await expect.poll(() => page.getByTestId('home-decided-value').innerText(), WAIT).toBe('1');

    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('issues a key shown once, and the explorer returns granted data and names a refused field with a link to request it', async () => {
    const { context, page, pageErrors } = await newConsolePage(browser);
    await signIn(page, bus.registryUrl, 'pemohon@bappeda.test', PASSWORD);
    await page.getByTestId('nav-requester-clients').click();
    await page.getByTestId('clients-table').getByTestId('table-row').first().click();
    await page.getByTestId('key-label').fill('server uji');
    await page.getByTestId('key-issue').click();
    const apiKey = await page.getByTestId('secret-value').innerText();
    expect(apiKey).toMatch(/^phk_[0-9a-f]+_/);
    const prefix = apiKey.split('_')[1]!;
    await expect.poll(() => page.getByTestId('keys-table').innerText(), WAIT).toContain(`phk_${prefix}_…`);
    // Shown once: after a reload the page lists the key by its prefix only.
    await page.reload();
    await page.getByTestId('keys-table').getByTestId('table-row').first().waitFor();
    expect(await page.getByTestId('secret-value').count()).toBe(0);
    expect(await page.content()).not.toContain(apiKey);

    // A second key, taken straight to the explorer; the first one pasted there instead works as well.
    await page.getByTestId('key-label').fill('penjelajah');
    await page.getByTestId('key-issue').click();
    await page.getByTestId('use-key-in-explorer').click();
    await expect.poll(() => page.getByTestId('explorer-key-info').innerText(), WAIT).toContain('penjelajah');
    await page.getByTestId('explorer-forget-key').click();
    await page.getByTestId('explorer-key').fill(apiKey);
    await page.getByTestId('explorer-use-key').click();
    await expect.poll(() => page.getByTestId('explorer-key-info').innerText(), WAIT).toContain('server uji');
    await expect.poll(() => page.getByTestId('explorer-key-graphs').innerText(), WAIT).toContain(GRAPH);
    await choose(page, 'explorer-graph', GRAPH);
    await page.locator('.graphiql-query-editor .monaco-editor').first().waitFor();

    const nik = bus.system.demo!.sampleNik;
    await runQuery(page, `{ penduduk(nik: "${nik}") { nama } }`);
    await expect
      .poll(async () => page.locator('.graphiql-response').innerText(), WAIT)
      .toContain('"nama"');
    expect(await page.getByTestId('explorer-refusal').count()).toBe(0);

    await runQuery(page, `{ penduduk(nik: "${nik}") { nama golonganDarah } }`);
    await page.getByTestId('explorer-refusal').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('explorer-refused-fields').innerText()).resolves.toContain('Penduduk.golonganDarah');
    await expect(page.getByTestId('explorer-refusal').innerText()).resolves.toContain(GRAPH);
    await page.getByTestId('explorer-request-link').click();
    await page.getByTestId('request-fields').waitFor();
    await expect(page.locator('[data-testid="request-fields"]').locator('..').innerText()).resolves.toContain('Penduduk.golonganDarah');

    // Revoking a key from the client's page.
    await page.getByTestId('nav-requester-clients').click();
    await page.getByTestId('clients-table').getByTestId('table-row').first().click();
    const explorerKeyRow = page.getByTestId('keys-table').getByTestId('table-row').filter({ hasText: 'penjelajah' });
    await explorerKeyRow.getByTestId('credential-revoke').click();
    await explorerKeyRow.getByTestId('credential-revoke-confirm').click();
    await expect.poll(() => explorerKeyRow.getByTestId('status-badge').getAttribute('data-status'), WAIT).toBe('revoked');

    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
