import { describe, expect, it } from 'vitest';
import { composeGraph } from '../../../registry/checks/index.ts';
import { sdl } from './fixtures.ts';

const kependudukan = { name: 'kependudukan', url: 'http://127.0.0.1:4001/graphql', sdl: sdl('penduduk.v1') };
const kepegawaian = { name: 'kepegawaian', url: 'http://127.0.0.1:4002/graphql', sdl: sdl('kepegawaian') };

describe('composeGraph', () => {
  it('composes subgraphs sharing an entity key into a supergraph and an API schema', () => {
    const result = composeGraph([kependudukan, kepegawaian]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.supergraphSdl).toContain(
      '@join__graph(name: "kependudukan", url: "http://127.0.0.1:4001/graphql")',
    );
    expect(result.supergraphSdl).toContain('@join__type(graph: KEPEGAWAIAN, key: "nik", resolvable: false)');
    expect(result.apiSchemaSdl).toContain('type Pegawai');
    expect(result.apiSchemaSdl).toContain('penduduk: Penduduk');
    expect(result.apiSchemaSdl).not.toContain('join__');
    expect(result.apiSchemaSdl).not.toContain('_entities');
    expect(Array.isArray(result.hints)).toBe(true);
  });

  it('leaves @inaccessible fields out of the API schema but keeps them in the supergraph', () => {
    const withHidden = sdl('breaking/field-made-inaccessible');
    const result = composeGraph([{ ...kependudukan, sdl: withHidden }]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.supergraphSdl).toContain('tanggalLahir');
    expect(result.apiSchemaSdl).not.toContain('tanggalLahir');
  });

  it('composes a Federation 1 subgraph with Federation 2 ones', () => {
    const result = composeGraph([
      { name: 'lama', url: 'http://127.0.0.1:4003/graphql', sdl: sdl('perizinan.fed1') },
      kepegawaian,
    ]);
    expect(result.ok).toBe(true);
  });

  it('fails when two subgraphs give the same value-type field incompatible types', () => {
    const result = composeGraph([
      { name: 'bappeda', url: 'http://127.0.0.1:4004/graphql', sdl: sdl('conflict-wilayah-a') },
      { name: 'bpn', url: 'http://127.0.0.1:4005/graphql', sdl: sdl('conflict-wilayah-b') },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const mismatch = result.errors.find((error) => error.code === 'FIELD_TYPE_MISMATCH');
    expect(mismatch?.message).toContain('Wilayah.luasKm2');
    expect(mismatch?.message).toContain('"bappeda"');
    expect(mismatch?.locations?.length).toBeGreaterThan(0);
  });

  it('fails when two subgraphs resolve the same field without @shareable', () => {
    const result = composeGraph([
      kependudukan,
      { name: 'dinsos', url: 'http://127.0.0.1:4006/graphql', sdl: sdl('conflict-penduduk-not-shareable') },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: 'INVALID_FIELD_SHARING',
        message: expect.stringContaining('Penduduk.nama'),
      }),
    ]);
  });

  it('reports an unparseable subgraph with its name instead of throwing', () => {
    const result = composeGraph([
      kependudukan,
      { name: 'rusak', url: 'http://x.invalid', sdl: sdl('invalid/unparseable') },
    ]);
    expect(result).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({
          code: 'INVALID_GRAPHQL',
          message: expect.stringMatching(/^\[rusak\] Syntax Error/),
        }),
      ],
    });
  });

  it('refuses an empty graph and duplicate subgraph names', () => {
    expect(composeGraph([])).toMatchObject({ ok: false, errors: [{ code: 'NO_SUBGRAPHS' }] });
    expect(composeGraph([kependudukan, kependudukan])).toMatchObject({
      ok: false,
      errors: [{ code: 'DUPLICATE_SUBGRAPH_NAME' }],
    });
  });
});
