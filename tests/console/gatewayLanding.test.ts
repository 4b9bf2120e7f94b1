/**
 * A person who opens the gateway's /graphql in a browser gets a bilingual page pointing to the console
 * instead of a raw 401 JSON body; nothing is logged for it. GraphQL clients are unaffected: a GET with
 * a query, or without an HTML Accept header, is still a GraphQL request (refused 401 without a key,
 * and logged).
 */
import { sql } from 'drizzle-orm';
import { fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBus, type TestBus } from '../support/bus.ts';

let bus: TestBus;

beforeAll(async () => {
  bus = await startTestBus('penghubung-landing-');
});

afterAll(async () => {
  await bus?.close();
});

async function logRows(): Promise<number> {
  const result = await bus.database.handle.db.execute(sql`select count(*)::int as n from access_log`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { n: number }[];
  return rows[0]!.n;
}

describe('the gateway in a browser', () => {
  it('answers a browser visit with a page linking to the console, and logs nothing for it', async () => {
    const before = await logRows();
    for (const path of ['/graphql', '/graphql/semua']) {
      const response = await fetch(`${bus.system.gatewayUrl}${path}`, {
        headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' },
      });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      const page = await response.text();
      expect(page).toContain('Endpoint GraphQL Penghubung');
      expect(page).toContain('Penghubung GraphQL endpoint');
      expect(page).toContain(`href="${bus.registryUrl}/console/"`);
    }
    expect(await logRows()).toBe(before);
  });

  it('keeps GraphQL requests as they were: a GET with a query or without HTML is refused 401 and logged', async () => {
    const before = await logRows();
    const withQuery = await fetch(`${bus.system.gatewayUrl}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'text/html' },
    });
    expect(withQuery.status).toBe(401);
    expect(await withQuery.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    const plain = await fetch(`${bus.system.gatewayUrl}/graphql`, { headers: { accept: 'application/json' } });
    expect(plain.status).toBe(401);
    await plain.text();
    expect(await logRows()).toBe(before + 2);
  });
});
