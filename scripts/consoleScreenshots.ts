/**
 * `npm run console:screenshots`: the README's pictures of the console, one per role, taken from a
 * fresh demo (its own data folder and free ports, PGlite) in Debian's Chromium. Before the pictures
 * the demo is given a little life: accesses through the gateway (one of them refused), a request
 * waiting for the administrator and one waiting for Disdukcapil's grant, so each inbox shows work.
 * Writes docs/screenshots/<role>.png.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { fetch } from 'undici';
import { loadConfig } from '../lib/config.ts';
import { ensureConsoleBuilt } from './consoleBuild.ts';
import { DEMO_QUERY } from './demoSeed.ts';
import { startSystem } from './system.ts';

const OUT_DIR = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const CHROMIUM = process.env.PENGHUBUNG_CHROMIUM ?? '/usr/bin/chromium';
const ROLE_HOME = { administrator: 'admin', publisher: 'penerbit', requester: 'pemohon', evaluator: 'evaluator' } as const;

async function call(url: string, token: string, method: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function must(url: string, token: string, method: string, body: unknown, status: number): Promise<Record<string, unknown>> {
  const result = await call(url, token, method, body);
  if (result.status !== status) throw new Error(`${method} ${url} → ${result.status}: ${JSON.stringify(result.body)}`);
  return result.body;
}

async function main(): Promise<void> {
  await ensureConsoleBuilt();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'penghubung-screenshots-'));
  const config = loadConfig({
    PENGHUBUNG_DATA_DIR: dataDir,
    PENGHUBUNG_GATEWAY_PORT: '0',
    PENGHUBUNG_REGISTRY_PORT: '0',
    PENGHUBUNG_DEMO_BASE_PORT: '0',
  });
  const system = await startSystem({ config, demo: true, logger: false });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const demo = system.demo;
    if (!demo) throw new Error('the demo did not seed');
    const registry = system.registryUrl;

    // Accesses for the evaluator's overview: the demo query, and one asking for a field not granted.
    for (let i = 0; i < 6; i += 1) {
      const query = i === 5 ? '{ penduduk(nik: "3501040509830001") { nama golonganDarah } }' : DEMO_QUERY;
      const response = await fetch(`${system.gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${demo.apiKey}` },
        body: JSON.stringify({ query, variables: { nik: demo.sampleNik } }),
      });
      await response.text();
    }

    // One request waiting for the administrator, one approved and waiting for Disdukcapil.
    const now = Date.now();
    const request = (coordinates: string[], purpose: string) => ({
      clientId: demo.clientId,
      graph: 'semua',
      coordinates,
      purpose,
      legalBasis: 'Perbup Pacitan 138/2023 tentang Sistem Penghubung Layanan',
      periodStart: new Date(now).toISOString(),
      periodEnd: new Date(now + 180 * 86_400_000).toISOString(),
    });
    await must(`${registry}/v1/access-requests`, demo.requesterToken, 'POST', request(['Penduduk.pekerjaan', 'Penduduk.pendidikanTerakhir'], 'Analisis ketenagakerjaan untuk RPJMD'), 201);
    const approved = await must(`${registry}/v1/access-requests`, demo.requesterToken, 'POST', request(['Penduduk.statusPerkawinan'], 'Verifikasi data penerima bantuan sosial'), 201);
    await must(`${registry}/v1/access-requests/${String(approved['id'])}/approve`, demo.adminToken, 'POST', { reason: 'Tujuan dan dasar hukum sesuai' }, 200);

    await fs.mkdir(OUT_DIR, { recursive: true });
    for (const account of demo.accounts) {
      const context = await browser.newContext({ locale: 'id-ID', viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${registry}/console/`);
      await page.getByTestId('sign-in-email').fill(account.email);
      await page.getByTestId('sign-in-password').fill(account.password);
      await page.getByTestId('sign-in-submit').click();
      await page.getByTestId('user-name').waitFor();
      await page.goto(`${registry}/console/${ROLE_HOME[account.role]}`);
      await page.getByTestId('page-title').first().waitFor();
      await page.waitForLoadState('networkidle');
      // Charts and badges settle after their data arrives.
      await page.waitForTimeout(500);
      const file = path.join(OUT_DIR, `${account.role}.png`);
      await page.screenshot({ path: file });
      process.stdout.write(`${path.relative(process.cwd(), file)}\n`);
      await context.close();
    }
  } finally {
    await browser.close();
    await system.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`screenshots failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
