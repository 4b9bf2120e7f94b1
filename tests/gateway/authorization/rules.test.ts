import { describe, expect, it } from 'vitest';

import { allow, rule } from 'graphql-shield';
import {
  authorizeCoordinates,
  buildShieldRules,
  collectFieldCoordinates,
} from '../../../gateway/authorization/core/index.ts';
import type { GrantRules, ShieldRule } from '../../../gateway/authorization/core/index.ts';
import { gql, loadSchema } from './fixtures/index.ts';

const schema = loadSchema();

const operation = collectFieldCoordinates(
  schema,
  gql`
    {
      penduduk(nik: "3501010101010001") {
        nik
        nama
        tanggalLahir
        alamat {
          kelurahan
        }
      }
      izinUsaha(nomor: "503/001") {
        namaUsaha
        status
      }
    }
  `,
);

/** The grants of a requester that may read identity and permits, but not birth dates. */
const tenGrants = [
  'Query.penduduk',
  'Penduduk.nik',
  'Penduduk.nama',
  'Penduduk.alamat',
  'Alamat.kelurahan',
  'Alamat.kecamatan',
  'Query.izinUsaha',
  'IzinUsaha.namaUsaha',
  'IzinUsaha.nomor',
  'Instansi.nama',
].map((coordinate) => ({ coordinate }));

/** The same ten, and 990 grants on fields of other graphs. */
const thousandGrants = [
  ...tenGrants,
  ...Array.from({ length: 990 }, (_, index) => ({ coordinate: `Lain${index % 99}.field${index}` })),
];

/** Counts rule-map lookups: the work per operation, whatever the number of grants. */
function countingLookups(rules: GrantRules): { rules: GrantRules; lookups: () => number } {
  let lookups = 0;
  const byCoordinate = new Map(rules.byCoordinate);
  const get = byCoordinate.get.bind(byCoordinate);
  byCoordinate.get = (key: string): ShieldRule | undefined => {
    lookups += 1;
    return get(key);
  };
  return { rules: { ...rules, byCoordinate }, lookups: () => lookups };
}

describe('buildShieldRules and authorizeCoordinates', () => {
  it('allows granted coordinates and denies everything else by default', async () => {
    const decision = await authorizeCoordinates(buildShieldRules(tenGrants), operation.coordinates);
    expect(decision.denied).toEqual(['IzinUsaha.status', 'Penduduk.tanggalLahir']);
    expect(decision.allowed).toEqual([
      'Alamat.kelurahan',
      'IzinUsaha.namaUsaha',
      'Penduduk.alamat',
      'Penduduk.nama',
      'Penduduk.nik',
      'Query.izinUsaha',
      'Query.penduduk',
    ]);
  });

  it('denies everything for a requester without grants', async () => {
    const decision = await authorizeCoordinates(buildShieldRules([]), operation.coordinates);
    expect(decision.allowed).toEqual([]);
    expect(decision.denied).toEqual(operation.coordinates);
  });

  it('gives identical decisions for 10 and 1,000 grants, with one lookup per coordinate either way', async () => {
    const ten = countingLookups(buildShieldRules(tenGrants));
    const thousand = countingLookups(buildShieldRules(thousandGrants));
    expect(thousand.rules.byCoordinate.size).toBe(1_000);

    const fromTen = await authorizeCoordinates(ten.rules, operation.coordinates);
    const fromThousand = await authorizeCoordinates(thousand.rules, operation.coordinates);

    expect(fromThousand).toEqual(fromTen);
    expect(ten.lookups()).toBe(operation.coordinates.length);
    expect(thousand.lookups()).toBe(operation.coordinates.length);
  });

  it("evaluates a grant's graphql-shield condition through rule.resolve, with the request context", async () => {
    const seen: string[] = [];
    const withinPeriod = rule('dalam-masa-berlaku')((_parent, _args, ctx: { now: Date }, info) => {
      seen.push(`${info.parentType.name}.${info.fieldName}`);
      return ctx.now < new Date('2026-01-01T00:00:00Z');
    });
    const rules = buildShieldRules([
      ...tenGrants,
      { coordinate: 'Penduduk.tanggalLahir', condition: withinPeriod },
    ]);
    expect(rules.contextual).toBe(true);

    const during = await authorizeCoordinates(rules, operation.coordinates, { now: new Date('2025-06-01') });
    expect(during.denied).toEqual(['IzinUsaha.status']);
    const after = await authorizeCoordinates(rules, operation.coordinates, { now: new Date('2026-06-01') });
    expect(after.denied).toEqual(['IzinUsaha.status', 'Penduduk.tanggalLahir']);
    expect(seen).toEqual(['Penduduk.tanggalLahir', 'Penduduk.tanggalLahir']);
  });

  it('fails closed when a rule throws or returns an error', async () => {
    const throwing = rule()(() => {
      throw new Error('registry unreachable');
    });
    const erroring = rule()(() => new Error('outside the approved purpose'));
    const rules = buildShieldRules([
      { coordinate: 'Query.penduduk', condition: throwing },
      { coordinate: 'Penduduk.nama', condition: erroring },
      { coordinate: 'Penduduk.nik', condition: allow },
    ]);
    const decision = await authorizeCoordinates(rules, ['Penduduk.nama', 'Penduduk.nik', 'Query.penduduk']);
    expect(decision).toEqual({
      allowed: ['Penduduk.nik'],
      denied: ['Penduduk.nama', 'Query.penduduk'],
      failedConditions: [],
    });
  });
});
