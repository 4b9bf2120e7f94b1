/**
 * Field coordinates (`Type.field`) of an access request: expanded and checked against the graph's
 * current supergraph through the coordinate model (`lib/federation/coordinates.ts`, the same model
 * the gateway enforces), then attributed to the agencies that own them.
 *
 * Attribution rule (documented in `registry/access/README.md` and the README): a coordinate belongs
 * to every agency that has a subgraph in the graph owning it, as the model reads it from the
 * supergraph's `@join__*` directives: the subgraphs that resolve it, provide it, or contribute it
 * through an `@interfaceObject`; not those where it is `@external` or overridden. A root field
 * `Query.x` therefore belongs to the subgraph that defines it; a `@shareable` field or an entity key
 * served by the subgraphs of two agencies belongs to both, and the request carries one item per
 * (coordinate, agency). The query planner may fetch a shared field from any subgraph that serves it,
 * so every owner must consent: the field becomes accessible only when each of its owners granted it
 * (see `grantStore.ts`). Several subgraphs of one agency owning the field give one item, attributed
 * to the first of them by name.
 */
import { buildSchema } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import { buildCoordinateModel, type CoordinateModel } from '../../lib/federation/coordinates.ts';

const schemaCache = new LRUCache<string, GraphQLSchema>({ max: 16 });
const modelCache = new LRUCache<string, CoordinateModel>({ max: 16 });

/** The API schema of a supergraph, built once per SDL hash. */
export function apiSchemaOf(sdlHash: string, apiSchemaSdl: string): GraphQLSchema {
  const cached = schemaCache.get(sdlHash);
  if (cached) return cached;
  const schema = buildSchema(apiSchemaSdl, { assumeValidSDL: true });
  schemaCache.set(sdlHash, schema);
  return schema;
}

/** The coordinate model of a stored supergraph, built once per SDL hash. */
export function coordinateModelOf(supergraph: {
  sdlHash: string;
  supergraphSdl: string;
  apiSchemaSdl: string;
}): CoordinateModel {
  const cached = modelCache.get(supergraph.sdlHash);
  if (cached) return cached;
  const model = buildCoordinateModel(
    supergraph.supergraphSdl,
    apiSchemaOf(supergraph.sdlHash, supergraph.apiSchemaSdl),
  );
  modelCache.set(supergraph.sdlHash, model);
  return model;
}

/** A subgraph composed into a supergraph, with its agency. */
export interface GraphMember {
  subgraphId: string;
  subgraphName: string;
  agencyId: string;
}

/** The owners of `coordinates` per the model, as subgraph rows of the graph's members. */
export function ownersOf(
  model: CoordinateModel,
  coordinates: readonly string[],
  members: readonly GraphMember[],
): FieldOwner[] {
  const byName = new Map(members.map((member) => [member.subgraphName, member]));
  return coordinates.flatMap((coordinate) =>
    model.owners(coordinate).flatMap((name) => {
      const member = byName.get(name);
      return member ? [{ coordinate, ...member }] : [];
    }),
  );
}

/** A subgraph of the graph that serves a coordinate, with its agency. */
export interface FieldOwner {
  coordinate: string;
  subgraphId: string;
  subgraphName: string;
  agencyId: string;
}

export interface AttributedItem {
  coordinate: string;
  subgraphId: string;
  agencyId: string;
}

/**
 * One item per (coordinate, owning agency), in coordinate then agency order; `unowned` lists the
 * coordinates no subgraph of the graph serves according to the metadata repository.
 */
export function attributeCoordinates(
  coordinates: readonly string[],
  owners: readonly FieldOwner[],
): { items: AttributedItem[]; unowned: string[] } {
  const byCoordinate = new Map<string, Map<string, FieldOwner>>();
  for (const owner of [...owners].sort((a, b) => a.subgraphName.localeCompare(b.subgraphName))) {
    let agencies = byCoordinate.get(owner.coordinate);
    if (!agencies) byCoordinate.set(owner.coordinate, (agencies = new Map()));
    if (!agencies.has(owner.agencyId)) agencies.set(owner.agencyId, owner);
  }
  const items: AttributedItem[] = [];
  const unowned: string[] = [];
  for (const coordinate of [...coordinates].sort()) {
    const agencies = byCoordinate.get(coordinate);
    if (!agencies || agencies.size === 0) {
      unowned.push(coordinate);
      continue;
    }
    for (const owner of [...agencies.values()].sort((a, b) => a.agencyId.localeCompare(b.agencyId))) {
      items.push({ coordinate, subgraphId: owner.subgraphId, agencyId: owner.agencyId });
    }
  }
  return { items, unowned };
}
