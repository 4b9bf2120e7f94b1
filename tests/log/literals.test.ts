/**
 * The stored form of an operation document: literal values normalized out (as Apollo's usage
 * reporting does), kept beside the variables masked by the same rules, with lookup hashes; names
 * carrying identifiers masked; a source that did not parse not stored at all.
 */
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { hashForLookup } from '../../lib/ledger/mask.ts';
import { normalizeOperation } from '../../lib/accessLog/literals.ts';

const secret = 'rahasia-uji-literal-0001';
const NIK_A = '3501040509830001';
const NIK_B = '3501045203900002';
const NIP = '198501012005011001';

const normalize = (source: string, rules?: Record<string, 'mask' | 'hash' | 'drop' | 'keep'>) =>
  normalizeOperation(source, parse(source), { secret, ...(rules ? { rules } : {}) });

describe('normalizing an operation document', () => {
  it('replaces literals with placeholders, so documents differing only in literals share one stored form and hash', () => {
    const a = normalize(`{ penduduk(nik: "${NIK_A}") { nama } daftarPenduduk(kecamatan: "Pacitan", batas: 10) { nik } }`);
    const b = normalize(`{ penduduk(nik: "${NIK_B}") { nama } daftarPenduduk(kecamatan: "Arjosari", batas: 500) { nik } }`);
    expect(a.document).toBe(b.document);
    expect(a.hash).toBe(b.hash);
    expect(a.document).toContain('penduduk(nik: "")');
    expect(a.document).toContain('batas: 0');
    expect(a.document).not.toContain(NIK_A);
    expect(a.literals).toEqual([
      { at: 'penduduk(nik)', value: '350104******0001' },
      { at: 'daftarPenduduk(kecamatan)', value: 'Pacitan' },
      { at: 'daftarPenduduk(batas)', value: 10 },
    ]);
    expect(a.lookups).toEqual([hashForLookup(NIK_A, secret)]);
  });

  it('empties lists and input objects, masking the identifiers inside them by name and by shape', () => {
    const result = normalize(`{ cari(daftar: ["${NIK_A}", "Budi"], filter: { pemilik: { nik: "${NIK_B}" }, nip: ${NIP} }) { id } }`);
    expect(result.document).toContain('cari(daftar: [], filter: {})');
    expect(JSON.stringify(result)).not.toMatch(new RegExp(`${NIK_A}|${NIK_B}|${NIP}`));
    expect(result.literals).toEqual([
      { at: 'cari(daftar)', value: ['350104******0001', 'Budi'] },
      { at: 'cari(filter)', value: { pemilik: { nik: '350104******0002' }, nip: '**************1001' } },
    ]);
    expect(result.lookups).toEqual([NIK_A, NIK_B, NIP].map((value) => hashForLookup(value, secret)).sort());
  });

  it('finds literals in aliases, fragments, directives and variable defaults, naming each place', () => {
    const result = normalize(
      `query Q($nik: String = "${NIK_B}") { a: penduduk(nik: "${NIK_A}") @include(if: true) { ...Profil } }
       fragment Profil on Penduduk { izinUsaha(nomor: "IU-7") @deprecatedArg(alasan: "${NIK_B}") { nomor } }`,
    );
    expect(result.literals).toEqual([
      { at: '$nik', value: '350104******0002' },
      { at: 'a:penduduk(nik)', value: '350104******0001' },
      { at: '...Profil.izinUsaha(nomor)', value: 'IU-7' },
      { at: '...Profil.izinUsaha@deprecatedArg(alasan)', value: '350104******0002' },
    ]);
    expect(result.document).toContain('@include(if: true)');
    expect(result.document).toContain('$nik: String = ""');
    expect(result.document).not.toMatch(/IU-7|3501/);
  });

  it('applies the operator rules to literals as to variables', () => {
    const result = normalize(`{ masuk(kataSandi: "rahasia", nama: "Budi", token: "abc") { id } }`, { nama: 'mask', '*sandi*': 'drop', token: 'hash' });
    expect(result.literals).toEqual([
      { at: 'masuk(nama)', value: 'B***' },
      { at: 'masuk(token)', value: `hmac:${hashForLookup('abc', secret)}` },
    ]);
    expect(JSON.stringify(result)).not.toContain('rahasia');
  });

  it('masks identifiers written into names: operation, alias, fragment', () => {
    const result = normalize(`query cari${NIK_A}($nik: String!) { p${NIK_B}: penduduk(nik: $nik) { ...f${NIK_A} } } fragment f${NIK_A} on Penduduk { nama }`);
    expect(result.document).not.toMatch(/3501040509830001|3501045203900002/);
    expect(result.document).toContain('query cari350104______0001($nik: String!)');
    expect(result.document).toContain('p350104______0002: penduduk');
    expect(() => parse(result.document!)).not.toThrow();
    expect(result.lookups).toEqual([NIK_A, NIK_B].map((value) => hashForLookup(value, secret)).sort());
  });

  it('drops comments and keeps no source that did not parse, only the lookup hashes of its identifiers', () => {
    expect(normalize(`# warga ${NIK_A}\n{ penduduk(nik: "x") { nama } }`).document).not.toContain(NIK_A);
    const broken = normalizeOperation(`{ penduduk(nik: "${NIK_A}") { nama `, undefined, { secret });
    expect(broken).toEqual({ document: null, hash: null, literals: [], lookups: [hashForLookup(NIK_A, secret)] });
  });

  it('keeps a NIP written as an integer as its digits', () => {
    const result = normalize(`{ pegawai(nip: ${NIP}) { nama } }`);
    expect(result.literals).toEqual([{ at: 'pegawai(nip)', value: '**************1001' }]);
    expect(result.lookups).toEqual([hashForLookup(NIP, secret)]);
  });
});
