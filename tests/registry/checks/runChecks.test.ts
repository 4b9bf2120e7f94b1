import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../registry/checks/index.ts';
import type { RunChecksInput, SubgraphInput } from '../../../registry/checks/index.ts';
import { sdl } from './fixtures.ts';
import { inMemoryProtection } from './protection.ts';

const kependudukan: SubgraphInput = {
  name: 'kependudukan',
  url: 'http://127.0.0.1:4001/graphql',
  sdl: sdl('penduduk.v1'),
};
const kepegawaian: SubgraphInput = {
  name: 'kepegawaian',
  url: 'http://127.0.0.1:4002/graphql',
  sdl: sdl('kepegawaian'),
};

function input(overrides: Partial<RunChecksInput>): RunChecksInput {
  return {
    subgraphName: 'kependudukan',
    newSdl: sdl('penduduk.v2-safe'),
    previousSdl: sdl('penduduk.v1'),
    otherSubgraphsByGraph: new Map([
      ['kependudukan', [kependudukan]],
      ['semua-tema', [kependudukan, kepegawaian]],
    ]),
    protection: inMemoryProtection(
      [{ coordinate: 'Penduduk.tanggalLahir', clientId: 'c-rsud', clientName: 'SIMRS RSUD' }],
      [],
    ).sources,
    ...overrides,
  };
}

describe('runChecks', () => {
  it('passes a safe change and composes every graph the subgraph belongs to', async () => {
    const report = await runChecks(input({}));
    expect(report.passed).toBe(true);
    expect(report.validationError).toBeNull();
    expect(Object.keys(report.composition)).toEqual(['kependudukan', 'semua-tema']);
    const all = report.composition['semua-tema'];
    expect(all?.ok).toBe(true);
    if (all?.ok) {
      expect(all.apiSchemaSdl).toContain('golonganDarah: String'); // the new SDL, not the stored one
      expect(all.supergraphSdl).toContain('url: "http://127.0.0.1:4001/graphql"'); // stored URL kept
    }
    expect(report.breaking).toBe(false);
    expect(report.changes.length).toBeGreaterThan(0);
    expect(report.summary.id).toMatch(/^Pemeriksaan lulus/);
  });

  it('uses a new routing URL when one is given', async () => {
    const report = await runChecks(input({ routingUrl: 'http://10.0.0.5:4001/graphql' }));
    const graph = report.composition['kependudukan'];
    expect(graph?.ok && graph.supergraphSdl).toContain('url: "http://10.0.0.5:4001/graphql"');
  });

  it('fails on a breaking change to a granted field, naming the requester', async () => {
    const report = await runChecks(input({ newSdl: sdl('breaking/field-removed') }));
    expect(report.passed).toBe(false);
    expect(report.breaking).toBe(true);
    expect(report.protectedViolations).toEqual([
      expect.objectContaining({ coordinate: 'Penduduk.tanggalLahir', requesters: ['SIMRS RSUD'] }),
    ]);
    expect(report.summary.id).toContain('berdampak pada SIMRS RSUD');
    expect(Object.values(report.composition).every((outcome) => outcome.ok)).toBe(true);
  });

  it('passes a breaking change no requester can notice, unless told to fail on any breaking change', async () => {
    const unprotected = input({ newSdl: sdl('breaking/enum-value-removed') });
    const report = await runChecks(unprotected);
    expect(report).toMatchObject({ passed: true, breaking: true, protectedViolations: [] });
    const strict = await runChecks({ ...unprotected, failOnBreaking: true });
    expect(strict.passed).toBe(false);
    expect(strict.summary.id).toContain('1 perubahan memutus kompatibilitas');
  });

  it('fails when the new SDL breaks composition of one of its graphs', async () => {
    const dinsos: SubgraphInput = {
      name: 'dinsos',
      url: 'http://127.0.0.1:4006/graphql',
      sdl: sdl('conflict-penduduk-not-shareable'),
    };
    const report = await runChecks(
      input({
        otherSubgraphsByGraph: new Map([
          ['kependudukan', [kependudukan]],
          ['sosial', [kependudukan, dinsos]],
        ]),
      }),
    );
    expect(report.passed).toBe(false);
    expect(report.composition['kependudukan']?.ok).toBe(true);
    expect(report.composition['sosial']).toMatchObject({
      ok: false,
      errors: [{ code: 'INVALID_FIELD_SHARING' }],
    });
    expect(report.summary.id).toContain('komposisi gagal pada graf sosial');
  });

  it('stops at validation for an invalid SDL', async () => {
    const { sources, calls } = inMemoryProtection([], []);
    const report = await runChecks(
      input({ newSdl: sdl('invalid/key-on-missing-field'), protection: sources }),
    );
    expect(report).toMatchObject({
      passed: false,
      validationError: { code: 'VALIDATION_FAILED' },
      composition: {},
      changes: [],
      protectedViolations: [],
    });
    expect(calls.grants).toEqual([]);
    const oversized = await runChecks(input({ maxBytes: 100 }));
    expect(oversized.validationError?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('treats a first publish as additions only', async () => {
    const report = await runChecks(
      input({ previousSdl: null, otherSubgraphsByGraph: new Map([['kepegawaian', [kepegawaian]]]) }),
    );
    expect(report.passed).toBe(true);
    expect(report.changes.every((change) => change.criticality !== 'BREAKING')).toBe(true);
  });
});
