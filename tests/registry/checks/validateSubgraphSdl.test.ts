import { describe, expect, it } from 'vitest';
import { validateSubgraphSdl } from '../../../registry/checks/index.ts';
import type { SyntaxErrorDetails, ValidationFailureDetails } from '../../../registry/checks/index.ts';
import { sdl } from './fixtures.ts';

const limits = { maxBytes: 64 * 1024, name: 'kependudukan' };

describe('validateSubgraphSdl', () => {
  it('accepts a valid Federation 2 subgraph', () => {
    const result = validateSubgraphSdl(sdl('penduduk.v1'), limits);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.fed2).toBe(true);
  });

  it('accepts a Federation 1 subgraph (composition upgrades it)', () => {
    const result = validateSubgraphSdl(sdl('perizinan.fed1'), limits);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.fed2).toBe(false);
  });

  it('refuses SDL over the size limit with PAYLOAD_TOO_LARGE, before parsing it', () => {
    const oversized = `${sdl('penduduk.v1')}\n# ${'x'.repeat(2000)}`;
    const result = validateSubgraphSdl(oversized, { maxBytes: 1000 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(result.error.status).toBe(413);
    expect(result.error.details).toMatchObject({ maxBytes: 1000 });
  });

  it('counts the limit in UTF-8 bytes, not characters', () => {
    const text = `type Query { a: Int } # ${'é'.repeat(60)}`; // 60 characters, 120 bytes
    expect(validateSubgraphSdl(text, { maxBytes: 100 }).ok).toBe(false);
  });

  it('refuses unparseable SDL with BAD_REQUEST and the line and column', () => {
    const result = validateSubgraphSdl(sdl('invalid/unparseable'), limits);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('BAD_REQUEST');
    const details = result.error.details as SyntaxErrorDetails;
    expect(details).toMatchObject({ line: 3, column: 8 });
    expect(result.error.message).toContain('baris 3, kolom 8');
    expect(result.error.messageEn).toContain('line 3, column 8');
  });

  it('refuses empty SDL as unparseable', () => {
    const result = validateSubgraphSdl('', limits);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('BAD_REQUEST');
  });

  it('refuses a @key on a missing field with VALIDATION_FAILED and the federation error', () => {
    const result = validateSubgraphSdl(sdl('invalid/key-on-missing-field'), limits);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION_FAILED');
    expect(result.error.status).toBe(422);
    const { errors } = result.error.details as ValidationFailureDetails;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'KEY_INVALID_FIELDS' });
    expect(errors[0]?.message).toContain('[kependudukan]');
    expect(errors[0]?.message).toContain('nomorKtp');
    expect(errors[0]?.locations?.[0]).toEqual({ line: 3, column: 15 });
  });

  it('refuses a reference to an undefined type with VALIDATION_FAILED', () => {
    const result = validateSubgraphSdl(sdl('invalid/unknown-type'), limits);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION_FAILED');
    const { errors } = result.error.details as ValidationFailureDetails;
    expect(errors[0]?.message).toContain('AlamatLengkap');
  });

  it('reports every federation error, not only the first', () => {
    const twoBadKeys = `
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
      type Penduduk @key(fields: "nomor") { nik: ID! }
      type Pegawai @key(fields: "nomor") { nip: ID! }
      type Query { penduduk: Penduduk pegawai: Pegawai }
    `;
    const result = validateSubgraphSdl(twoBadKeys, limits);
    expect(result.ok).toBe(false);
    if (!result.ok) expect((result.error.details as ValidationFailureDetails).errors).toHaveLength(2);
  });

  it('refuses an unknown classification level, which would silently fall back to the default', () => {
    const result = validateSubgraphSdl(sdl('invalid/unknown-classification'), limits);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION_FAILED');
    const { errors } = result.error.details as ValidationFailureDetails;
    expect(errors).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_CLASSIFICATION', locations: [{ line: 4, column: 12 }] }),
    ]);
  });
});
