/**
 * Grant conditions as rules, without servers: the WIB clock of permitted hours (past midnight, by
 * weekday) and its boundaries, each argument constraint, alternatives between requests, and the
 * authorizer's decision cache, which never serves a decision past a period or hours boundary nor
 * across requests whose arguments differ.
 */
import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { FieldAuthorizer, type GrantSet, type OperationRequest } from '../../../gateway/authorization/core/index.ts';
import {
  checkArguments,
  checkBeforeResolve,
  checkListSize,
  maxItemsOf,
  nextHoursChange,
  nextTimeChange,
  withinHours,
  type FieldConditions,
} from '../../../lib/grantConditions/conditions.ts';

/** An instant given as WIB wall-clock time (UTC+7). */
const wib = (local: string) => new Date(`${local}+07:00`);

describe('permitted hours (WIB)', () => {
  const office = { from: '08:00', until: '16:00' };

  it('includes the start and excludes the end', () => {
    expect(withinHours(office, wib('2026-12-07T07:59'))).toBe(false);
    expect(withinHours(office, wib('2026-12-07T08:00'))).toBe(true);
    expect(withinHours(office, wib('2026-12-07T15:59'))).toBe(true);
    expect(withinHours(office, wib('2026-12-07T16:00'))).toBe(false);
    // 08:00 WIB is 01:00 UTC: the zone is WIB, not the server's.
    expect(withinHours(office, new Date('2026-12-07T01:00:00Z'))).toBe(true);
  });

  it('spans midnight, counting the morning to the day the span started', () => {
    const night = { from: '22:00', until: '05:00', days: [5] }; // Friday night only
    expect(withinHours(night, wib('2026-12-11T23:00'))).toBe(true); // Friday 23:00
    expect(withinHours(night, wib('2026-12-12T04:59'))).toBe(true); // Saturday morning, Friday's span
    expect(withinHours(night, wib('2026-12-12T05:00'))).toBe(false);
    expect(withinHours(night, wib('2026-12-12T23:00'))).toBe(false); // Saturday night
    expect(withinHours(night, wib('2026-12-11T04:00'))).toBe(false); // Friday morning is Thursday's span
  });

  it('keeps to the weekdays given (1 = Monday … 7 = Sunday)', () => {
    const weekdays = { ...office, days: [1, 2, 3, 4, 5] };
    expect(withinHours(weekdays, wib('2026-12-11T09:00'))).toBe(true); // Friday
    expect(withinHours(weekdays, wib('2026-12-12T09:00'))).toBe(false); // Saturday
    expect(withinHours(weekdays, wib('2026-12-13T09:00'))).toBe(false); // Sunday
  });

  it('names the next boundary, so a decision is not kept past it', () => {
    expect(nextHoursChange(office, wib('2026-12-07T07:00'))).toBe(wib('2026-12-07T08:00').getTime());
    expect(nextHoursChange(office, wib('2026-12-07T08:00'))).toBe(wib('2026-12-07T16:00').getTime());
    expect(nextHoursChange(office, wib('2026-12-07T20:00'))).toBe(wib('2026-12-08T08:00').getTime());
    const conditions: FieldConditions = [
      { period: { startsAt: wib('2026-12-01T00:00').toISOString(), endsAt: wib('2026-12-07T10:00').toISOString() }, sets: [{ hours: office }] },
    ];
    expect(nextTimeChange(conditions, wib('2026-12-07T09:00'))).toBe(wib('2026-12-07T10:00').getTime());
    expect(nextTimeChange([{ sets: [] }], wib('2026-12-07T09:00'))).toBeNull();
  });
});

describe('argument constraints', () => {
  it('refuses a forbidden argument, a missing required one, a value or pattern not allowed, a number above the maximum', () => {
    const constraints = {
      required: ['nik'],
      forbidden: ['kecamatan'],
      allowedValues: { jenis: ['PUSKESMAS'] },
      patterns: { nik: '3501\\d{12}' },
      maximum: { batas: 10 },
    };
    const ok = { nik: '3501040509830001', jenis: 'PUSKESMAS', batas: 10 };
    expect(checkArguments(constraints, ok)).toBeNull();
    expect(checkArguments(constraints, { ...ok, kecamatan: 'Pacitan' })).toMatchObject({ argument: 'kecamatan' });
    // null is "not given": a forbidden argument may be null, a required one may not.
    expect(checkArguments(constraints, { ...ok, kecamatan: null })).toBeNull();
    expect(checkArguments(constraints, { ...ok, nik: null })).toMatchObject({ argument: 'nik' });
    expect(checkArguments(constraints, { ...ok, jenis: 'KLINIK' })).toMatchObject({ argument: 'jenis' });
    // A pattern matches the whole value, not a part of it.
    expect(checkArguments(constraints, { ...ok, nik: 'x3501040509830001' })).toMatchObject({ argument: 'nik' });
    expect(checkArguments(constraints, { ...ok, batas: 11 })).toMatchObject({ argument: 'batas' });
  });

  it('checks every element of a list argument', () => {
    expect(checkArguments({ allowedValues: { nik: ['1', '2'] } }, { nik: ['1', '2'] })).toBeNull();
    expect(checkArguments({ allowedValues: { nik: ['1', '2'] } }, { nik: ['1', '3'] })).toMatchObject({ argument: 'nik' });
  });

  it('refuses a list longer than maxItems', () => {
    expect(checkListSize(2, [1, 2])).toBeNull();
    expect(checkListSize(2, [1, 2, 3])).toMatchObject({ condition: 'maxItems' });
    expect(checkListSize(2, 'not a list')).toBeNull();
  });
});

describe('alternatives (several requests granting one field)', () => {
  const at = wib('2026-12-07T09:00');
  const period = { startsAt: wib('2026-12-01T00:00').toISOString(), endsAt: wib('2026-12-31T00:00').toISOString() };
  const ended = { startsAt: wib('2026-11-01T00:00').toISOString(), endsAt: wib('2026-12-01T00:00').toISOString() };

  it('allows when any entry holds, and reports the failure of an entry still in its period', () => {
    const conditions: FieldConditions = [
      { period: ended, sets: [] },
      { period, sets: [{ arguments: { required: ['nik'] } }] },
    ];
    expect(checkBeforeResolve(conditions, at, { nik: '1' })).toBeNull();
    expect(checkBeforeResolve(conditions, at, {})).toMatchObject({ condition: 'arguments', argument: 'nik' });
    expect(checkBeforeResolve([{ period: ended, sets: [] }], at)).toMatchObject({ condition: 'period' });
    expect(checkBeforeResolve([], at)).not.toBeNull();
  });

  it('takes the list limit of the entries that hold: the largest, or none when one sets none', () => {
    const limited: FieldConditions = [
      { period, sets: [{ maxItems: 5 }] },
      { period, sets: [{ maxItems: 20 }, { maxItems: 10 }] },
    ];
    expect(maxItemsOf(limited, at, {})).toBe(10);
    expect(maxItemsOf([...limited, { period, sets: [] }], at, {})).toBeUndefined();
    expect(maxItemsOf([{ period: ended, sets: [] }, { period, sets: [{ maxItems: 5 }] }], at, {})).toBe(5);
  });
});

describe('the authorizer with grant conditions', () => {
  const schema = buildSchema(`
    type Query { penduduk(nik: String!): Penduduk  daftar(batas: Int = 100): [Penduduk!]! }
    type Penduduk { nik: String! nama: String! }
  `);
  const request = (query: string, variables: Record<string, unknown> = {}): OperationRequest => ({
    documentKey: query,
    document: parse(query),
    variables,
  });

  it('does not serve a cached decision past the end of the period', async () => {
    let clock = wib('2026-12-07T09:00').getTime();
    const authorizer = new FieldAuthorizer({ now: () => new Date(clock) });
    const endsAt = wib('2026-12-07T10:00').toISOString();
    const grants: GrantSet = {
      version: 'v1',
      coordinates: new Set(['Query.penduduk', 'Penduduk.nama']),
      grantConditions: new Map([
        ['Query.penduduk', [{ period: { startsAt: wib('2026-12-01T00:00').toISOString(), endsAt }, sets: [] }]],
      ]),
    };
    const query = request('{ penduduk(nik: "1") { nama } }');
    expect((await authorizer.authorize(schema, query, grants)).denied).toEqual([]);
    clock = wib('2026-12-07T09:59').getTime();
    expect((await authorizer.authorize(schema, query, grants)).denied).toEqual([]);
    clock = wib('2026-12-07T10:00').getTime();
    const after = await authorizer.authorize(schema, query, grants);
    expect(after.denied).toEqual(['Query.penduduk']);
    expect(after.failedConditions).toEqual([expect.objectContaining({ coordinate: 'Query.penduduk', condition: 'period' })]);
  });

  it('decides argument conditions per request, for each selection, with variables and defaults applied', async () => {
    const authorizer = new FieldAuthorizer();
    const grants: GrantSet = {
      version: 'v2',
      coordinates: new Set(['Query.daftar', 'Penduduk.nama']),
      grantConditions: new Map([['Query.daftar', [{ sets: [{ arguments: { maximum: { batas: 10 } } }] }]]]),
    };
    const query = 'query($n: Int) { daftar(batas: $n) { nama } }';
    expect((await authorizer.authorize(schema, request(query, { n: 5 }), grants)).denied).toEqual([]);
    expect((await authorizer.authorize(schema, request(query, { n: 50 }), grants)).denied).toEqual(['Query.daftar']);
    expect((await authorizer.authorize(schema, request(query, { n: 5 }), grants)).denied).toEqual([]);
    // Without the argument, the schema's default (100) is what the field receives, and it counts.
    expect((await authorizer.authorize(schema, request('{ daftar { nama } }'), grants)).denied).toEqual(['Query.daftar']);
    const aliases = '{ a: daftar(batas: 1) { nama } b: daftar(batas: 11) { nama } }';
    expect((await authorizer.authorize(schema, request(aliases), grants)).denied).toEqual(['Query.daftar']);
  });

  it('refuses a request whose variables cannot be coerced, as the client’s mistake', async () => {
    const authorizer = new FieldAuthorizer();
    const grants: GrantSet = {
      version: 'v3',
      coordinates: new Set(['Query.daftar', 'Penduduk.nama']),
      grantConditions: new Map([['Query.daftar', [{ sets: [{ arguments: { maximum: { batas: 10 } } }] }]]]),
    };
    await expect(
      authorizer.authorize(schema, request('query($n: Int) { daftar(batas: $n) { nama } }', { n: 'banyak' }), grants),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
