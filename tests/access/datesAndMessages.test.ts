/**
 * What a person types reaches the registry as they would write it: `2026-12-01` as well as a full
 * timestamp for a period (a date starts at 00:00 WIB; an end date includes its whole day), impossible
 * dates refused, and every invalid field explained in plain Indonesian with English beside it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDateInput } from '../../lib/validation/dateInput.ts';
import { describeIssue } from '../../lib/validation/messages.ts';
import { GRAPH, startHarness, type Harness } from './harness.ts';

const wibDate = (offsetDays: number) => new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('dates people type', () => {
  it('reads a date as 00:00 WIB, an end date to the end of its day, and refuses impossible ones', () => {
    expect(parseDateInput('2026-12-01', 'start')?.toISOString()).toBe('2026-11-30T17:00:00.000Z');
    expect(parseDateInput('2026-12-31', 'end')?.toISOString()).toBe('2026-12-31T17:00:00.000Z');
    expect(parseDateInput('2026-12-01T08:00:00+07:00', 'start')?.toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(parseDateInput('2026-02-30', 'start')).toBeNull();
    expect(parseDateInput('2026-02-30T08:00:00Z', 'start')).toBeNull();
    expect(parseDateInput('2026-12-01T08:00:00', 'start')).toBeNull(); // no offset: which zone?
    expect(parseDateInput('1 Desember 2026', 'start')).toBeNull();
  });
});

describe('validation messages', () => {
  it('describes zod issues in plain Indonesian and English, keeping a schema’s own words', () => {
    expect(describeIssue({ code: 'too_small', origin: 'string', minimum: 10, message: 'Too small: expected string to have >=10 characters' })).toEqual({
      id: 'paling sedikit 10 karakter',
      en: 'at least 10 characters',
    });
    expect(describeIssue({ code: 'invalid_type', expected: 'string', message: 'Invalid input: expected string, received undefined' }).id).toBe('wajib diisi');
    expect(describeIssue({ code: 'invalid_format', format: 'uuid', message: 'Invalid UUID' }).id).toContain('UUID');
    expect(describeIssue({ code: 'custom', message: 'Tanggal tidak valid' }).id).toBe('Tanggal tidak valid');
  });
});

describe('an access request over HTTP', () => {
  let h: Harness;
  let clientId: string;
  beforeAll(async () => {
    h = await startHarness();
    const client = await h.call(h.requester, 'POST', '/v1/clients', { name: 'Dasbor Uji', contact: 'uji@example.go.id' });
    clientId = client.body.id;
  });
  afterAll(async () => {
    await h?.close();
  });

  const submit = (body: Record<string, unknown>) =>
    h.call(h.requester, 'POST', '/v1/access-requests', {
      clientId,
      graph: GRAPH,
      coordinates: ['Query.penduduk', 'Penduduk.nama'],
      purpose: 'Analisis layanan publik terpadu',
      legalBasis: 'Perwali Baubau 32/2024 Pasal 7',
      periodStart: wibDate(0),
      periodEnd: wibDate(30),
      ...body,
    });

  it('accepts a period written as dates', async () => {
    const response = await submit({});
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.periodStart).toBe(new Date(`${wibDate(0)}T00:00:00+07:00`).toISOString());
    expect(response.body.periodEnd).toBe(new Date(Date.parse(`${wibDate(30)}T00:00:00+07:00`) + 86_400_000).toISOString());
  });

  it('refuses an impossible date and a short purpose, saying so in Indonesian and English, storing nothing', async () => {
    const before = (await h.call(h.requester, 'GET', '/v1/access-requests')).body.length;
    const response = await submit({ periodStart: '2026-02-30', purpose: 'pendek' });
    expect(response.status).toBe(400);
    const fields = response.body.details.fields as { path: string; message: string; messageEn: string }[];
    expect(fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'body.periodStart', message: expect.stringContaining('Tanggal tidak valid') }),
        expect.objectContaining({ path: 'body.purpose', message: 'paling sedikit 10 karakter', messageEn: 'at least 10 characters' }),
      ]),
    );
    expect(response.body.message).toContain('paling sedikit 10 karakter');
    expect(response.body.message).not.toMatch(/Too small|Invalid/);
    expect((await h.call(h.requester, 'GET', '/v1/access-requests')).body.length).toBe(before);
  });
});
