/**
 * Real federation graphs through the whole procedure: each fixture's subgraphs are published through
 * the registry into one installation (several graphs side by side), a client requests every field
 * (`*`), the administrator approves, every owning agency grants, and each query through the
 * Penghubung gateway must answer exactly what a stock @apollo/gateway answers on the same supergraph.
 * Then a second client holds everything but the fixture's withheld coordinates: in reject mode an
 * operation reading one is refused before any subgraph is called; in drop mode the answer is the
 * stock answer without the withheld values, and no withheld value appears anywhere in it.
 */
import { Kind, parse, print, visit } from 'graphql';
import type { SelectionSetNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from '../support/graphql.ts';
import type { FederationFixture } from './fixture.ts';
import { fed1 } from './fixtures/fed1/index.ts';
import { inventaris } from './fixtures/inventaris/index.ts';
import { katalog } from './fixtures/katalog/index.ts';
import { DROP_HEADER, startInstallation, type FederationInstallation, type PublishedFixture } from './harness.ts';

const FIXTURES: FederationFixture[] = [katalog, inventaris, fed1];

/**
 * The query with `__typename` first in the selection set of every field and operation, so that every
 * object in the answer names its type. Not inside inline fragments: @apollo/gateway 2.14.4 (stock
 * as well) answers `data: null` without an error to `... on Impl { __typename f }` when `f` comes
 * through an `@interfaceObject`.
 */
function withTypenames(query: string): string {
  const typename = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } } as const;
  const add = (node: SelectionSetNode): SelectionSetNode => {
    const has = node.selections.some((selection) => selection.kind === Kind.FIELD && selection.name.value === '__typename' && !selection.alias);
    return has ? node : { ...node, selections: [typename, ...node.selections] };
  };
  return print(
    visit(parse(query), {
      OperationDefinition: (node) => ({ ...node, selectionSet: add(node.selectionSet) }),
      Field: (node) => (node.selectionSet ? { ...node, selectionSet: add(node.selectionSet) } : undefined),
    }),
  );
}

/** Every `Type.field` present in an answer whose objects all carry `__typename` (no aliases in the fixtures). */
function coordinatesIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) coordinatesIn(item, found);
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const type = record.__typename;
    if (typeof type !== 'string') throw new Error(`object without __typename: ${JSON.stringify(value).slice(0, 200)}`);
    for (const [key, child] of Object.entries(record)) {
      if (key === '__typename') continue;
      found.add(`${type}.${key}`);
      coordinatesIn(child, found);
    }
  }
  return found;
}

/** The answer without the values of `withheld` coordinates. */
function strip(value: unknown, withheld: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => strip(item, withheld));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(record)
      .filter(([key]) => !withheld.includes(`${String(record.__typename)}.${key}`))
      .map(([key, child]) => [key, strip(child, withheld)]),
  );
}

describe('federation fixtures against a stock @apollo/gateway', () => {
  let installation: FederationInstallation;
  const published = new Map<string, PublishedFixture>();

  beforeAll(async () => {
    installation = await startInstallation();
    for (const fixture of FIXTURES) published.set(fixture.name, await installation.publish(fixture));
  });
  afterAll(async () => {
    await installation?.close();
  });

  it('stores `*` as explicit items owned by every agency that can return each field', () => {
    const owners = (graph: string, coordinate: string) =>
      published.get(graph)!.items.filter((item) => item.coordinate === coordinate).map((item) => item.agency);
    // The @external key of Federation 1 extensions: every subgraph declaring the type returns it.
    expect(owners('fx-fed1', 'F1Produk.upc')).toEqual(['fxa', 'fxb']);
    // Provided by the reviews' agency although @external there.
    expect(owners('fx-fed1', 'F1Pengguna.namaPengguna')).toEqual(['fxb', 'fxc']);
    expect(owners('fx-fed1', 'F1Produk.ongkir')).toEqual(['fxa']);
    // Contributed to each implementation by the @interfaceObject subgraph.
    expect(owners('fx-inventaris', 'InvAdmin.namaTampilan')).toEqual(['fxb']);
    expect(owners('fx-inventaris', 'InvWarga.id')).toEqual(['fxa', 'fxb']);
    // Overridden: the overriding agency only; shared value type: both.
    expect(owners('fx-inventaris', 'InvBarang.stok')).toEqual(['fxc']);
    expect(owners('fx-inventaris', 'InvMerek.negara')).toEqual(['fxa', 'fxc']);
    // No interface coordinate, nothing @inaccessible.
    const coordinates = published.get('fx-inventaris')!.items.map((item) => item.coordinate);
    expect(coordinates.filter((c) => c.startsWith('InvAkun.') || c === 'InvWarga.nik')).toEqual([]);
  });

  it('introspection shows an interface field only where every implementation may read it', async () => {
    const p = published.get('fx-inventaris')!;
    const fieldsOf = async (key: string, type: string) => {
      const response = await postGraphQL<{ __type: { fields: { name: string }[] } | null }>(
        p.gatewayUrl,
        `{ __type(name: "${type}") { fields { name } } }`,
        { headers: { authorization: `Bearer ${key}` } },
      );
      return response.body.data?.__type?.fields.map((field) => field.name).sort() ?? null;
    };
    expect(await fieldsOf(installation.fullKey, 'InvAkun')).toEqual(['id', 'namaTampilan', 'poin', 'surel']);
    // InvWarga.surel and InvAdmin.namaTampilan are withheld: the interface shows neither.
    expect(await fieldsOf(installation.partialKey, 'InvAkun')).toEqual(['id', 'poin']);
    expect(await fieldsOf(installation.partialKey, 'InvAdmin')).toEqual(['id', 'poin', 'surel', 'tingkat']);
    expect(await fieldsOf(installation.partialKey, 'InvWarga')).toEqual(['id', 'namaTampilan', 'poin']);
  });

  it('refuses to remove an @interfaceObject field whose implementations are granted, naming the holders', async () => {
    const p = published.get('fx-inventaris')!;
    const profil = inventaris.subgraphs.find((subgraph) => subgraph.name === 'inv-profil')!;
    const withoutName = profil.sdl.replace('  namaTampilan: String\n', '');
    expect(withoutName).not.toBe(profil.sdl);
    const response = await installation.bus.call<{ details: { report: { protectedViolations: { coordinate: string; requesters: string[] }[] } } }>(
      installation.publisherToken('fxb'),
      'POST',
      '/v1/subgraphs/publish',
      { name: 'inv-profil', theme: 'fx-inventaris', routingUrl: p.routingUrls.get('inv-profil'), schema: withoutName },
    );
    expect(response.status).toBe(422);
    const violations = response.body.details.report.protectedViolations;
    expect(violations.map((violation) => violation.coordinate)).toEqual(['InvAdmin.namaTampilan', 'InvWarga.namaTampilan']);
    // InvAdmin.namaTampilan is withheld from the partial client; InvWarga's is granted to both.
    expect(violations.map((violation) => violation.requesters)).toEqual([['Klien Lengkap (Bappeda)'], ['Klien Lengkap (Bappeda)', 'Klien Sebagian (Bappeda)']]);
  });

  describe.each(FIXTURES.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
    const ask = (url: string, query: string, variables: Record<string, unknown> | undefined, headers: Record<string, string> = {}) =>
      postGraphQL(url, query, { ...(variables ? { variables } : {}), headers });

    it.each(fixture.queries.map((query) => [query.name, query] as const))('full grant: %s answers as the stock gateway', async (_query, { query, variables }) => {
      const p = published.get(fixture.name)!;
      const stock = await ask(p.stockUrl, query, variables);
      expect(stock.body.errors).toBeUndefined();
      expect(stock.body.data).toBeTruthy();
      const ours = await ask(p.gatewayUrl, query, variables, { authorization: `Bearer ${installation.fullKey}` });
      expect(ours.body.errors, JSON.stringify(ours.body.errors)).toBeUndefined();
      expect(ours.status).toBe(200);
      expect(ours.body.data).toEqual(stock.body.data);
    });

    it('partial grant, reject mode: an operation reading a withheld field is refused whole and calls no subgraph', async () => {
      const p = published.get(fixture.name)!;
      for (const { name, query, variables, deniedWhenPartial } of fixture.queries) {
        const typed = withTypenames(query);
        const before = p.hits();
        const ours = await ask(p.gatewayUrl, typed, variables, { authorization: `Bearer ${installation.partialKey}` });
        if (deniedWhenPartial) {
          expect(ours.status, name).toBe(403);
          expect(ours.body.errors?.[0]?.extensions?.code, name).toBe('FORBIDDEN_FIELD');
          expect(ours.body.data ?? null, name).toBeNull();
          expect(p.hits(), name).toBe(before);
        } else {
          const stock = await ask(p.stockUrl, typed, variables);
          expect(ours.status, `${name}: ${JSON.stringify(ours.body.errors)}`).toBe(200);
          expect(ours.body.data, `${name}: ${JSON.stringify(ours.body.errors)}`).toEqual(stock.body.data);
          expect(p.hits(), `${name}: the allowed operation reached the subgraphs`).toBeGreaterThan(before);
        }
        expect([...coordinatesIn(ours.body.data ?? null)].filter((c) => fixture.withheld.includes(c)), name).toEqual([]);
      }
    });

    it('partial grant, drop mode: the stock answer without the withheld values, and none of them anywhere', async () => {
      const p = published.get(fixture.name)!;
      let dropped = 0;
      for (const { name, query, variables, deniedWhenPartial } of fixture.queries) {
        const typed = withTypenames(query);
        const stock = await ask(p.stockUrl, typed, variables);
        const ours = await ask(p.gatewayUrl, typed, variables, { authorization: `Bearer ${installation.partialKey}`, ...DROP_HEADER });
        expect(ours.status, name).toBe(200);
        const leaked = [...coordinatesIn(ours.body.data ?? null)].filter((c) => fixture.withheld.includes(c));
        expect(leaked, name).toEqual([]);
        expect(ours.body.data, `${name}: ${JSON.stringify(ours.body.errors)}`).toEqual(strip(stock.body.data, fixture.withheld));
        const stockHad = [...coordinatesIn(stock.body.data)].some((c) => fixture.withheld.includes(c));
        if (stockHad) {
          expect(deniedWhenPartial, `${name}: the stock answer holds a withheld value`).toBe(true);
          dropped += 1;
        }
      }
      expect(dropped).toBeGreaterThan(0);
    });
  });
});
