/**
 * Every registry error speaks the client's language: `message` is Indonesian by default and English
 * when `Accept-Language` prefers English, for each kind of error alike (missing credentials, a role
 * refused, an invalid body with its fields, unparsable JSON, an unknown route, a workflow refusal, an
 * evaluator query refused); `messageEn` is English in both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prefersEnglish } from '../../registry/http/language.ts';
import { startTestRegistry, type TestRegistry } from '../support/registry.ts';

let registry: TestRegistry;
let requesterToken: string;

beforeAll(async () => {
  registry = await startTestRegistry();
  const created = await registry.must(registry.admin, 'POST', '/v1/admin/users', { name: 'Rina Pemohon', email: 'rina@bahasa.test', role: 'requester', organization: 'PT Bahasa' }, 201);
  requesterToken = created.token.token;
});
afterAll(async () => {
  await registry?.close();
});

interface Case {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  token?: () => string;
  body?: string;
  status: number;
}

const CASES: Case[] = [
  { name: 'no credential', method: 'GET', path: '/v1/me', status: 401 },
  { name: 'a role refused', method: 'GET', path: '/v1/admin/users', token: () => requesterToken, status: 403 },
  { name: 'an invalid body', method: 'POST', path: '/v1/admin/users', token: () => registry.admin.token, body: JSON.stringify({ name: 'x', role: 'penyihir' }), status: 400 },
  { name: 'unparsable JSON', method: 'POST', path: '/v1/admin/users', token: () => registry.admin.token, body: '{"name":', status: 400 },
  { name: 'an unknown route', method: 'GET', path: '/v1/tidak-ada', token: () => registry.admin.token, status: 404 },
  { name: 'a workflow refusal', method: 'POST', path: '/v1/access-requests/00000000-0000-4000-8000-000000000000/approve', token: () => registry.admin.token, body: JSON.stringify({ reason: 'Sesuai' }), status: 404 },
  { name: 'an evaluator query refused', method: 'GET', path: '/v1/log/stats?from=2025-02-14&to=2025-02-01', token: () => registry.admin.token, status: 400 },
];

async function ask(which: Case, language?: string): Promise<{ status: number; body: { message: string; messageEn: string; details: { fields?: { message: string; messageEn: string }[] } | null } }> {
  const headers: Record<string, string> = {};
  if (which.token) headers['authorization'] = `Bearer ${which.token()}`;
  if (which.body !== undefined) headers['content-type'] = 'application/json';
  if (language !== undefined) headers['accept-language'] = language;
  const response = await fetch(`${registry.url}${which.path}`, { method: which.method, headers, ...(which.body === undefined ? {} : { body: which.body }) });
  return { status: response.status, body: (await response.json()) as never };
}

describe('registry error messages', () => {
  it.each(CASES)('$name: Indonesian by default, English with Accept-Language: en', async (which) => {
    const indonesian = await ask(which);
    expect(indonesian.status).toBe(which.status);
    expect(indonesian.body.message).not.toBe(indonesian.body.messageEn);
    for (const language of ['en', 'en-US,en;q=0.9', 'id;q=0.3, en-GB;q=0.8']) {
      const english = await ask(which, language);
      expect(english.status).toBe(which.status);
      expect(english.body.message, language).toBe(indonesian.body.messageEn);
      expect(english.body.messageEn).toBe(indonesian.body.messageEn);
      for (const field of english.body.details?.fields ?? []) expect(field.message).toBe(field.messageEn);
    }
    // Indonesian ranked first, or no English at all, keeps Indonesian.
    for (const language of ['id, en;q=0.5', 'fr', '*']) expect((await ask(which, language)).body.message, language).toBe(indonesian.body.message);
  });

  it('names the invalid fields in English too', async () => {
    const english = await ask(CASES[2]!, 'en');
    expect(english.body.message).toMatch(/^Invalid request: /);
    expect(english.body.details?.fields?.length).toBeGreaterThan(0);
  });
});

describe('prefersEnglish', () => {
  it('reads the ranking of Accept-Language', () => {
    expect(prefersEnglish('en')).toBe(true);
    expect(prefersEnglish('EN-gb')).toBe(true);
    expect(prefersEnglish('id-ID,id;q=0.9,en;q=0.8')).toBe(false);
    expect(prefersEnglish('en;q=0.9, id;q=0.5')).toBe(true);
    expect(prefersEnglish('en;q=0')).toBe(false);
    expect(prefersEnglish(undefined)).toBe(false);
    expect(prefersEnglish('en;q=abc')).toBe(false);
    expect(prefersEnglish(['fr', 'en'])).toBe(true);
  });
});
