/**
 * Field coordinates (`Type.field`) of an access request: checked against the graph's current API
 * schema, then attributed to the agencies that serve them.
 *
 * Attribution rule (documented in the README of this folder, `registry/access/README.md`):
 * a coordinate belongs to every agency that has a subgraph in the graph serving it, as recorded in
 * `field_metadata` (which already leaves out `@external` fields). A root field `Query.x` therefore
 * belongs to the subgraph that defines it; a `@shareable` field or an entity key served by the
 * subgraphs of two agencies belongs to both, and the request carries one item per (coordinate,
 * agency). The query planner may fetch a shared field from any subgraph that serves it, so every
 * owner must consent: the field becomes accessible only when each of its owners granted it (see
 * `grantStore.ts`). Several subgraphs of one agency serving the field give one item, attributed to
 * the first of them by name.
 */
import { buildSchema, isObjectType } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';

export const COORDINATE_SHAPE = /^[_A-Za-z][_0-9A-Za-z]*\.[_A-Za-z][_0-9A-Za-z]*$/;

const schemaCache = new LRUCache<string, GraphQLSchema>({ max: 16 });

/** The API schema of a supergraph, built once per SDL hash. */
export function apiSchemaOf(sdlHash: string, apiSchemaSdl: string): GraphQLSchema {
  const cached = schemaCache.get(sdlHash);
  if (cached) return cached;
  const schema = buildSchema(apiSchemaSdl, { assumeValidSDL: true });
  schemaCache.set(sdlHash, schema);
  return schema;
}

export interface CoordinateCheck {
  /** Not of the `Type.field` shape. */
  malformed: string[];
  /** Well formed, but not a field of an object type of the schema. */
  unknown: string[];
}

/**
 * Which coordinates are not fields of object types in `schema`. Interface fields are refused: the
 * gateway authorizes the concrete types an operation reaches, so grants name concrete types.
 */
export function checkCoordinates(schema: GraphQLSchema, coordinates: readonly string[]): CoordinateCheck {
  const malformed: string[] = [];
  const unknown: string[] = [];
  for (const coordinate of coordinates) {
    if (!COORDINATE_SHAPE.test(coordinate)) {
      malformed.push(coordinate);
      continue;
    }
    const [typeName, fieldName] = coordinate.split('.') as [string, string];
    const type = schema.getType(typeName);
    if (!isObjectType(type) || typeName.startsWith('__') || !(fieldName in type.getFields()))
      unknown.push(coordinate);
  }
  return { malformed, unknown };
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
