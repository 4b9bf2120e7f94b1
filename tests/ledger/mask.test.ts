import { describe, expect, it } from 'vitest';
import { DEFAULT_MASK_RULES, hashForLookup, maskNik, maskNip, maskVariables } from '../../lib/ledger/mask.ts';

const secret = 'rahasia-operator-untuk-uji';
const NIK = '3301012345670001';
const NIP = '198501012005011001';

describe('masking identifiers', () => {
  it('masks a NIK keeping the region code and the last four digits', () => {
    expect(maskNik(NIK)).toBe('330101******0001');
    expect(maskNik('3301 0123 4567 0001')).toBe('330101******0001');
  });

  it('masks a NIP keeping only the last four digits (it begins with a birth date)', () => {
    expect(maskNip(NIP)).toBe('**************1001');
  });

  it('hashes for lookup with HMAC-SHA256 under the secret, however the identifier was typed', () => {
    const hash = hashForLookup(NIK, secret);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashForLookup(' 3301-0123-4567-0001 ', secret)).toBe(hash);
    expect(hashForLookup(3301012345670001, secret)).toBe(hash);
    expect(hashForLookup(NIK, 'another secret')).not.toBe(hash);
  });
});

describe('maskVariables', () => {
  it('masks NIK and NIP found by name or by value, and stores their lookup hashes', () => {
    const { variables, lookups } = maskVariables(
      { nik: NIK, filter: { nipPegawai: NIP, catatan: 'cek' }, q: NIK, tanggalNikah: '2020-01-01' },
      { secret },
    );
    expect(variables).toEqual({
      nik: '330101******0001',
      filter: { nipPegawai: '**************1001', catatan: 'cek' },
      q: '330101******0001',
      tanggalNikah: '2020-01-01',
    });
    expect(lookups).toEqual([hashForLookup(NIK, secret), hashForLookup(NIP, secret)].sort());
  });

  it('lets an evaluator find every access that looked up one NIK, without the NIK in clear', () => {
    const log = [
      maskVariables({ nik: NIK }, { secret }),
      maskVariables({ input: { penduduk: [{ nik: '3301019999990002' }] } }, { secret }),
      maskVariables({ keyword: `cari ${NIK} segera` }, { secret }),
    ];
    expect(JSON.stringify(log)).not.toContain(NIK);
    const wanted = hashForLookup(NIK, secret);
    expect(log.map((entry) => entry.lookups.includes(wanted))).toEqual([true, false, true]);
    expect(log[2]!.variables).toEqual({ keyword: 'cari 330101******0001 segera' });
  });

  it('masks a name-identified value even when it is not 16 digits', () => {
    expect(maskVariables({ nik: '3301' }, { secret }).variables).toEqual({ nik: '****' });
  });

  it('applies rules: drop, keep, hash and mask, paths before names', () => {
    const rules = {
      ...DEFAULT_MASK_RULES,
      'input.kodeWilayah': 'keep',
      'input.**.alamat': 'drop',
      email: 'hash',
      nama: 'mask',
    } as const;
    const { variables, lookups } = maskVariables(
      {
        input: {
          kodeWilayah: '3301010000000000', // 16 digits, but not a person: kept by rule
          pemohon: { nama: 'Budi Santoso', email: 'budi@example.go.id', alamat: { jalan: 'Jl. Merdeka 1' } },
        },
        password: 'hunter2',
        apiToken: 'abc',
        limit: 10,
      },
      { secret, rules },
    );
    expect(variables).toEqual({
      input: {
        kodeWilayah: '3301010000000000',
        pemohon: { nama: 'B***', email: `hmac:${hashForLookup('budi@example.go.id', secret)}` },
      },
      limit: 10,
    });
    expect(lookups).toContain(hashForLookup('Budi Santoso', secret));
    expect(lookups).toContain(hashForLookup('budi@example.go.id', secret));
    expect(lookups).not.toContain(hashForLookup('3301010000000000', secret));
  });

  it('matches names case-insensitively with globs, and inside lists', () => {
    const { variables } = maskVariables(
      { items: [{ NIK: NIK, Nama: 'Siti' }], accessToken: 't' },
      { secret, rules: { nama: 'drop', '*token*': 'drop' } },
    );
    expect(variables).toEqual({ items: [{ NIK: '330101******0001' }] });
  });

  it('masks a whole object under mask', () => {
    const { variables } = maskVariables(
      { pemohon: { nik: NIK, umur: 30, aktif: true, x: null } },
      { secret, rules: { pemohon: 'mask' } },
    );
    expect(variables).toEqual({ pemohon: { nik: '330101******0001', umur: '***', aktif: '***', x: null } });
  });

  it('leaves identifiers alone when detection is off', () => {
    expect(maskVariables({ nik: NIK }, { secret, detectIdentifiers: false })).toEqual({
      variables: { nik: NIK },
      lookups: [],
    });
  });

  it('handles missing variables', () => {
    expect(maskVariables(undefined, { secret })).toEqual({ variables: {}, lookups: [] });
  });

  it('decides each variable by its own path, whatever was masked before and whatever its key holds', () => {
    const rules = { 'input.nik': 'drop', nik: 'keep' } as const;
    // Remembered decisions must not leak between a root key and a path with the same characters.
    for (let round = 0; round < 2; round += 1) {
      expect(maskVariables({ 'input\u0000nik': NIK, '["input","nik"]': 'x' }, { secret, rules }).variables).toEqual({
        'input\u0000nik': '330101******0001',
        '["input","nik"]': '*', // named like an identifier, so masked; not dropped as input.nik is
      });
      expect(maskVariables({ input: { nik: NIK }, nik: NIK }, { secret, rules }).variables).toEqual({ input: {}, nik: NIK });
    }
  });
});
