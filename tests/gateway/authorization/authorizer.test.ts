import { describe, expect, it } from 'vitest';

import { rule } from 'graphql-shield';
import { print } from 'graphql';
import { FieldAuthorizer, LruCache } from '../../../gateway/authorization/core/index.ts';
import type { GrantSet, OperationRequest } from '../../../gateway/authorization/core/index.ts';
import { gql, loadSchema } from './fixtures/index.ts';

const schema = loadSchema();

const document = gql`
  query Warga($rinci: Boolean!, $nik: String!) {
    penduduk(nik: $nik) {
      nama
      alamat @include(if: $rinci) {
        jalan
      }
    }
  }
`;
const request = (variables: Record<string, unknown>): OperationRequest => ({
  documentKey: print(document),
  document,
  operationName: 'Warga',
  variables,
});

const grants = (version: string, coordinates: string[]): GrantSet => ({
  version,
  coordinates: new Set(coordinates),
});
const basic = grants('v1', ['Query.penduduk', 'Penduduk.nama']);
const withAddress = grants('v2', ['Query.penduduk', 'Penduduk.nama', 'Penduduk.alamat', 'Alamat.jalan']);

describe('FieldAuthorizer caches', () => {
  it('computes coordinates once per document, operation and @skip/@include values', () => {
    const authorizer = new FieldAuthorizer();
    const first = authorizer.coordinates(schema, request({ rinci: false, nik: '1' }));
    // A variable that only feeds an argument does not change the selection: same cache entry.
    const otherNik = authorizer.coordinates(schema, request({ rinci: false, nik: '2' }));
    expect(otherNik.operation).toBe(first.operation);
    expect(otherNik.key).toBe(first.key);

    const detailed = authorizer.coordinates(schema, request({ rinci: true, nik: '1' }));
    expect(detailed.operation).not.toBe(first.operation);
    expect(detailed.operation.coordinates).toContain('Alamat.jalan');
    expect(first.operation.coordinates).not.toContain('Alamat.jalan');
  });

  it('builds the rule map once per grant-set version', () => {
    const authorizer = new FieldAuthorizer();
    const rules = authorizer.rules(basic);
    expect(authorizer.rules(grants('v1', ['Query.penduduk', 'Penduduk.nama']))).toBe(rules);
    expect(authorizer.rules(withAddress)).not.toBe(rules);
  });

  it('caches decisions per grant-set version and decides afresh when the version changes', async () => {
    const authorizer = new FieldAuthorizer();
    const detailed = request({ rinci: true, nik: '1' });

    const before = await authorizer.authorize(schema, detailed, basic);
    expect(before.denied).toEqual(['Alamat.jalan', 'Penduduk.alamat']);
    const again = await authorizer.authorize(schema, detailed, basic);
    expect(again.denied).toBe(before.denied);

    // The publisher grants the address: the credential's grant set gets a new version.
    const after = await authorizer.authorize(schema, detailed, withAddress);
    expect(after.denied).toEqual([]);
    expect(after.allowed).toEqual(['Alamat.jalan', 'Penduduk.alamat', 'Penduduk.nama', 'Query.penduduk']);
  });

  it('keeps separate caches per schema and drops everything on clear()', () => {
    const authorizer = new FieldAuthorizer();
    const first = authorizer.coordinates(schema, request({ rinci: true, nik: '1' })).operation;
    const newSchema = loadSchema();
    expect(authorizer.coordinates(newSchema, request({ rinci: true, nik: '1' })).operation).not.toBe(first);

    const rules = authorizer.rules(basic);
    authorizer.clear();
    expect(authorizer.coordinates(schema, request({ rinci: true, nik: '1' })).operation).not.toBe(first);
    expect(authorizer.rules(basic)).not.toBe(rules);
  });

  it('never caches decisions that depend on a condition evaluated per request', async () => {
    const authorizer = new FieldAuthorizer();
    let evaluations = 0;
    const onlyDuringOfficeHours = rule()((_parent, _args, ctx: { hour: number }) => {
      evaluations += 1;
      return ctx.hour >= 8 && ctx.hour < 16;
    });
    const conditional: GrantSet = {
      version: 'v3',
      coordinates: new Set(['Query.penduduk', 'Penduduk.nama']),
      conditions: new Map([['Penduduk.nama', onlyDuringOfficeHours]]),
    };
    const simple = request({ rinci: false, nik: '1' });
    expect((await authorizer.authorize(schema, simple, conditional, { hour: 9 })).denied).toEqual([]);
    expect((await authorizer.authorize(schema, simple, conditional, { hour: 20 })).denied).toEqual([
      'Penduduk.nama',
    ]);
    expect(evaluations).toBe(2);
  });

  it('serves the filtered introspection schema once per grant-set version', () => {
    const authorizer = new FieldAuthorizer();
    const filtered = authorizer.filteredSchema(schema, basic);
    expect(authorizer.filteredSchema(schema, basic)).toBe(filtered);
    expect(authorizer.filteredSchema(schema, withAddress)).not.toBe(filtered);
  });
});

describe('LruCache', () => {
  it('evicts the least recently used entry', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1).set('b', 2);
    expect(cache.get('a')).toBe(1); // 'b' is now the oldest
    cache.set('c', 3);
    expect(cache.has('b')).toBe(false);
    expect(cache.has('a')).toBe(true);
    expect(cache.size).toBe(2);
  });
});
