/**
 * The registry serves the console: the built pages under /console/ with a strict CSP, every app path
 * answered by index.html, hashed assets cached for good, nothing outside console/dist reachable, and
 * `/` leading there. In a real browser the sign-in page renders in Indonesian, switches to English,
 * and loads nothing from another origin.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { fetch } from 'undici';
import { CONSOLE_DIST_DIR } from '../../registry/http/console.ts';
import { startTestRegistry, type TestRegistry } from '../support/registry.ts';
import { launchBrowser, newConsolePage } from './browser.ts';

let registry: TestRegistry;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  registry = await startTestRegistry();
});

afterAll(async () => {
  await browser?.close();
  await registry?.close();
});

describe('console serving', () => {
  it('leads from / to the console and answers app paths with index.html under a strict CSP', async () => {
    const root = await fetch(`${registry.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/console/');

    for (const route of ['/console/', '/console/masuk', '/console/pemohon/direktori/x']) {
      const response = await fetch(`${registry.url}${route}`);
      expect(response.status, route).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");
      expect(await response.text()).toContain('<div id="root">');
    }
  });

  it('caches hashed assets for good and serves nothing outside console/dist', async () => {
    const assets = await readdir(path.join(CONSOLE_DIST_DIR, 'assets'));
    const script = assets.find((name) => name.endsWith('.js'));
    expect(script).toBeDefined();
    const asset = await fetch(`${registry.url}/console/assets/${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(asset.headers.get('content-type')).toContain('javascript');

    for (const attempt of ['/console/../package.json', '/console/%2e%2e/package.json', '/console/..%2fpackage.json', '/console/.vite/manifest.json', '/console/.build-hash']) {
      const response = await fetch(`${registry.url}${attempt}`);
      const body = await response.text();
      expect(body, attempt).not.toContain('"name": "penghubung"');
      expect(body, attempt).not.toMatch(/^[0-9a-f]{64}\n?$/);
    }
  });

  it('renders sign-in in Indonesian, switches to English, and fetches nothing from another origin', async () => {
    const { context, page, pageErrors } = await newConsolePage(browser);
    const origins = new Set<string>();
    page.on('request', (request) => origins.add(new URL(request.url()).origin));
    await page.goto(`${registry.url}/console/`);
    await expect(page.getByTestId('sign-in-submit').innerText()).resolves.toBe('Masuk');
    await page.getByTestId('language-switch').getByText('EN').click();
    await expect(page.getByTestId('sign-in-submit').innerText()).resolves.toBe('Sign in');
    // The choice is kept across a reload.
    await page.reload();
    await expect(page.getByTestId('sign-in-submit').innerText()).resolves.toBe('Sign in');
    expect([...origins]).toEqual([new URL(registry.url).origin]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
