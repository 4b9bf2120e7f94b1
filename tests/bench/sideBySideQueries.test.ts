/**
 * The demo grants (scripts/demoSeed.ts) cover every query of the side-by-side bench: the coordinates each
 * touches on the demo graph, as the gateway's field authorization computes them, are all requested by
 * the demo client, so the demo API key can send them.
 */
import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { BENCH_QUERIES } from '../../bench/support/sideBySideQueries.ts';
import { FieldAuthorizer } from '../../gateway/authorization/core/index.ts';
import { composeGraph } from '../../registry/checks/index.ts';
import { DEMO_COORDINATES } from '../../scripts/demoSeed.ts';
import { demoAgencies, readDemoSchema } from '../../subgraphs/index.ts';

describe('side-by-side bench queries', () => {
  const outcome = composeGraph(demoAgencies.map((agency) => ({ name: agency.subgraphName, url: 'http://127.0.0.1:1/graphql', sdl: readDemoSchema(agency) })));
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  const schema = buildSchema(outcome.apiSchemaSdl);

  it.each(BENCH_QUERIES.map((query) => [query.key, query] as const))('%s: every coordinate it touches is in the demo grants', (_key, query) => {
    const { operation } = new FieldAuthorizer().coordinates(schema, {
      documentKey: query.query,
      document: parse(query.query),
      operationName: query.operationName,
      variables: query.variables,
    });
    expect(operation.coordinates.length).toBeGreaterThan(0);
    expect(operation.coordinates.filter((coordinate) => !DEMO_COORDINATES.includes(coordinate))).toEqual([]);
  });

  it('the interface query touches both implementations of Perizinan', () => {
    const query = BENCH_QUERIES.find((each) => each.key === 'interface')!;
    const { operation } = new FieldAuthorizer().coordinates(schema, { documentKey: query.query, document: parse(query.query), operationName: query.operationName, variables: {} });
    expect(operation.coordinates).toEqual(expect.arrayContaining(['IzinUsaha.pemilik', 'PersetujuanBangunanGedung.pemilik', 'PersetujuanBangunanGedung.namaBangunan']));
  });
});
