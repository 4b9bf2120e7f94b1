/**
 * The whole procedure through the console's pages, with the four demo accounts `npm start` prints,
 * on a real bus (registry, gateway, the demo agencies' subgraphs and REST backends): the requester
 * registers an application and asks for fields picked in the service directory; the administrator
 * approves from the inbox; Disdukcapil's publisher grants; the requester issues a key and, in the
 * explorer, gets data for the granted fields and a clear refusal for another one; the publisher
 * revokes one field, then the other; the explorer's refusal names them; the evaluator finds the accesses and the refused
 * attempt in the log. No UUID is typed anywhere.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBus, type TestBus } from '../support/bus.ts';
import { launchBrowser, newConsolePage, signIn } from './browser.ts';

const WAIT = { timeout: 30_000 };
const CLIENT = 'Aplikasi Perencanaan Desa';
const GRAPH = 'semua';

let browser: Browser;
let bus: TestBus;

async function choose(page: Page, testId: string, option: string | RegExp): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, ...(typeof option === 'string' ? { exact: true } : {}) }).click();
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

function account(role: 'administrator' | 'publisher' | 'requester' | 'evaluator'): { email: string; password: string } {
  const found = bus.system.demo?.accounts.find((entry) => entry.role === role);
  if (!found) throw new Error(`the demo has no ${role} account`);
  return found;
}

beforeAll(async () => {
  browser = await launchBrowser();
  bus = await startTestBus('penghubung-console-procedure-');
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await bus?.close();
});

describe('the whole procedure in the console', () => {
  it('request → approve → grant → explorer data and refusal → revoke → the evaluator finds it all', async () => {
    const nik = bus.system.demo!.sampleNik;
    const requester = await newConsolePage(browser);
    const admin = await newConsolePage(browser);
    const publisher = await newConsolePage(browser);
    const evaluator = await newConsolePage(browser);

    // The requester: an application, two fields picked in the directory, the request.
    const r = requester.page;
    await signIn(r, bus.registryUrl, account('requester').email, account('requester').password);
    await r.getByTestId('nav-requester-clients').click();
    await r.getByTestId('client-name').fill(CLIENT);
    await r.getByTestId('client-contact').fill('perencanaan@bappeda.pacitankab.go.id');
    await r.getByTestId('client-submit').click();
    await expect.poll(() => r.getByTestId('page-title').innerText(), WAIT).toBe(CLIENT);
    await r.getByTestId('nav-requester-directory').click();
    await choose(r, 'directory-graph', GRAPH);
    await r.getByTestId('directory-fields-filter').fill('Penduduk.nama');
    await r
      .getByTestId('directory-fields')
      .getByTestId('table-row')
      .filter({ has: r.getByText('Penduduk.nama', { exact: true }) })
      .getByTestId('pick-field')
      .click();
    await r.getByTestId('directory-search').fill('penduduk');
    const hit = r.getByTestId('search-results').getByTestId('table-row').filter({ has: r.getByText('Query.penduduk', { exact: true }) });
    await hit.first().getByTestId('pick-field').click();
    await expect.poll(() => r.getByTestId('picked-field').allTextContents(), WAIT).toEqual(['Penduduk.nama', 'Query.penduduk']);
    await r.getByTestId('directory-continue').click();
    await choose(r, 'request-client', new RegExp(`^${CLIENT}`));
    await r.getByTestId('request-purpose').fill('Perencanaan pembangunan desa berbasis data penduduk');
    await r.getByTestId('request-legal-basis').fill('Perbup Pacitan 138/2023 Pasal 5');
    await r.getByTestId('request-submit').click();
    await r.getByTestId('detail-items').waitFor(WAIT);
    await expect(r.getByTestId('status-badge').first().getAttribute('data-status')).resolves.toBe('pending');

    // The administrator: the inbox counts it; approve with a reason.
    const a = admin.page;
    await signIn(a, bus.registryUrl, account('administrator').email, account('administrator').password);
    await expect.poll(() => a.getByTestId('nav-administrator-requests').innerText(), WAIT).toContain('1');
    await a.getByTestId('nav-administrator-requests').click();
    await a.getByTestId('requests-table').getByTestId('table-row').filter({ hasText: CLIENT }).getByTestId('request-open').click();
    await expect.poll(() => a.getByTestId('field-owner').allInnerTexts(), WAIT).toContain('Dinas Kependudukan dan Pencatatan Sipil');
    await a.getByTestId('decision-reason-input').fill('Tujuan perencanaan sesuai tugas Bappeda');
    await a.getByTestId('approve').click();
    await a.getByTestId('decision-saved').waitFor(WAIT);

    // Disdukcapil's publisher: the request waits in its inbox; grant both fields.
    const p = publisher.page;
    await signIn(p, bus.registryUrl, account('publisher').email, account('publisher').password);
    await expect.poll(() => p.getByTestId('nav-publisher-requests').innerText(), WAIT).toContain('1');
    await p.getByTestId('nav-publisher-requests').click();
    await p.getByTestId('request-link').filter({ hasText: CLIENT }).click();
    await p.getByTestId('decision-reason').fill('Diberikan untuk perencanaan desa');
    await p.getByTestId('grant-submit').click();
    await p.getByTestId('decision-done').waitFor(WAIT);

    // The requester: a key for the application, taken to the explorer.
    await r.getByTestId('nav-requester-clients').click();
    await r.getByTestId('clients-table').getByTestId('table-row').filter({ hasText: CLIENT }).click();
    await r.getByTestId('key-label').fill('penjelajah');
    await r.getByTestId('key-issue').click();
    await r.getByTestId('use-key-in-explorer').click();
    await expect.poll(() => r.getByTestId('explorer-key-graphs').innerText(), WAIT).toContain(GRAPH);
    await choose(r, 'explorer-graph', GRAPH);
    await r.locator('.graphiql-query-editor .monaco-editor').first().waitFor(WAIT);
    await runQuery(r, `{ penduduk(nik: "${nik}") { nama } }`);
    await expect.poll(() => r.locator('.graphiql-response').innerText(), WAIT).toContain('"nama"');
    expect(await r.getByTestId('explorer-refusal').count()).toBe(0);
    // A field not granted: refused, named, with the way to ask for it.
    await runQuery(r, `{ penduduk(nik: "${nik}") { nama golonganDarah } }`);
    await r.getByTestId('explorer-refusal').waitFor(WAIT);
    await expect(r.getByTestId('explorer-refused-fields').innerText()).resolves.toContain('Penduduk.golonganDarah');
    await expect(r.getByTestId('explorer-request-link').count()).resolves.toBe(1);

    // The publisher revokes the name; the explorer is refused from then on, naming it (the refusal
    // still on the page from the query above names another field).
    await p.getByTestId('nav-publisher-grants').click();
    await p.getByTestId('grant-table-filter').fill(CLIENT);
    const revoke = async (coordinate: string) => {
      await p.getByTestId(`revoke-${coordinate}`).first().click();
      await p.getByTestId('revoke-reason').fill('Kegiatan perencanaan selesai');
      await p.getByTestId('revoke-confirm').click();
      await p.getByTestId('revoke-dialog').waitFor({ state: 'detached', ...WAIT });
    };
    /** The fields the explorer's refusal names once the query has been answered ('' while none). */
    const refusedFields = async () => {
      await runQuery(r, `{ penduduk(nik: "${nik}") { nama } }`);
      await r.locator('.graphiql-response').innerText();
      return (await r.getByTestId('explorer-refusal').count()) > 0 ? r.getByTestId('explorer-refused-fields').innerText() : '';
    };
    await revoke('Penduduk.nama');
    await expect.poll(refusedFields, WAIT).toContain('Penduduk.nama');
    // Its last grant revoked too, the key holds nothing: the refusal still names the fields.
    await revoke('Query.penduduk');
    await expect.poll(refusedFields, WAIT).toContain('Query.penduduk');

    // The evaluator: the application's accesses in the log, the refused attempts among them.
    const e = evaluator.page;
    await signIn(e, bus.registryUrl, account('evaluator').email, account('evaluator').password);
    await e.getByTestId('nav-evaluator-log').click();
    await choose(e, 'filter-client', new RegExp(CLIENT));
    await e.getByTestId('log-search').click();
    await expect.poll(() => e.getByTestId('log-records').getByTestId('table-row').count(), WAIT).toBeGreaterThanOrEqual(3);
    const denied = await e.getByTestId('log-records').getByTestId('denied-fields').allInnerTexts();
    expect(denied.some((text) => text.includes('Penduduk.golonganDarah'))).toBe(true);
    expect(denied.some((text) => text.includes('Penduduk.nama'))).toBe(true);
    const outcomes = await e.getByTestId('log-records').getByTestId('status-badge').allTextContents();
    expect(outcomes).toContain('berhasil');
    expect(outcomes).toContain('ditolak');

    for (const session of [requester, admin, publisher, evaluator]) {
      expect(session.pageErrors).toEqual([]);
      await session.context.close();
    }
  });
});
