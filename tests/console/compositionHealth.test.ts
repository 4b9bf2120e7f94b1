/**
 * The graphs page in a real browser shows a graph's last failed composition beside its last success:
 * a publish refused over a real registry because graph `semua` would not compose appears on that
 * graph's row (who, when, the first error), marked newer than the last success; other graphs show none.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestRegistry, type TestRegistry } from '../support/registry.ts';
import { seed } from '../support/seed.ts';
import type { World } from '../support/seed.ts';
import { launchBrowser, newConsolePage, signIn } from './browser.ts';

const PASSWORD = 'Sandi-Uji-Graf-2026';
const fixture = (name: string): Promise<string> => readFile(new URL(`../fixtures/registry/${name}`, import.meta.url), 'utf8');

let registry: TestRegistry;
let browser: Browser;
let world: World;

const publish = (who: 'disdukcapil' | 'bkpsdm', name: string, theme: string, port: number, schema: string) =>
  registry.call(world.publisher(who), 'POST', '/v1/subgraphs/publish', { name, theme, routingUrl: `http://127.0.0.1:${port}/graphql`, schema });

beforeAll(async () => {
  [registry, browser] = await Promise.all([startTestRegistry(), launchBrowser()]);
  world = await seed(registry).agency('disdukcapil', 'Disdukcapil').withPublisher().agency('bkpsdm', 'BKPSDM').withPublisher().done();
  await registry.must(registry.admin, 'POST', `/v1/admin/users/${registry.admin.id}/password`, { password: PASSWORD }, 200);
  expect((await publish('disdukcapil', 'kependudukan', 'kependudukan', 4101, await fixture('penduduk-v1.graphql'))).status).toBe(201);
  expect((await publish('bkpsdm', 'kepegawaian', 'kepegawaian', 4102, await fixture('pegawai-v1.graphql'))).status).toBe(201);
  const refused = await publish('bkpsdm', 'kepegawaian', 'kepegawaian', 4102, await fixture('pegawai-v2-conflict.graphql'));
  expect(refused.body.code).toBe('COMPOSITION_FAILED');
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await registry?.close();
});

describe('graphs page', () => {
  it('shows the last failed composition beside the last success', async () => {
    const { page, pageErrors, context } = await newConsolePage(browser);
    await signIn(page, registry.url, 'admin@kominfo.test', PASSWORD);
    await page.getByTestId('nav-administrator-graphs').click();
    const rows = page.getByTestId('graphs-table').getByTestId('table-row');
    const semua = rows.filter({ hasText: 'semua' }).first();
    const failure = semua.getByTestId('graph-last-failure');
    await failure.waitFor();
    await expect(semua.getByTestId('graph-health').getAttribute('data-health')).resolves.toBe('composed');
    await expect(failure.getAttribute('data-newer')).resolves.toBe('true');
    const text = await failure.innerText();
    expect(text).toContain('Gagal terakhir');
    expect(text).toContain('kepegawaian (bkpsdm)');
    expect(text).toContain('Penduduk.nama');
    await expect(rows.filter({ hasText: 'kependudukan' }).first().getByTestId('graph-last-failure').count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
