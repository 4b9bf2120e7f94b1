/**
 * Checks the conditions an administrator (approval) or a publisher (grant) attaches to a request
 * against the request and the graph's API schema, so that nothing unenforceable is stored: every
 * field named must be one of the request's fields (for a publisher, one of its agency's), and every
 * argument named must be an argument of that field (argument constraints are attached per field). A refusal is a
 * VALIDATION_FAILED result listing what is wrong; nothing is stored.
 */
import { isObjectType } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import type { Executor } from '../../drizzle/database.ts';
import { fail, ok } from '../../lib/errors.ts';
import { SupergraphRepository } from '../repositories/SupergraphRepository.ts';
import { apiSchemaOf } from './coordinates.ts';
import type { Result } from '../../lib/errors.ts';
import {
  namedCoordinates,
  type AttachedConditions,
  type ConditionSet,
} from '../../lib/grantConditions/conditions.ts';

export function checkAttachedConditions(
  attached: AttachedConditions | undefined,
  schema: GraphQLSchema | null,
  /** The coordinates the conditions may name (the request's, or the publisher's own part of it). */
  coordinates: readonly string[],
): Result<AttachedConditions | null> {
  if (!attached || (attached.all === undefined && namedCoordinates(attached).length === 0)) return ok(null);
  const problems: string[] = [];
  const allowed = new Set(coordinates);
  for (const coordinate of namedCoordinates(attached)) {
    if (!allowed.has(coordinate)) problems.push(`${coordinate}: bukan field permohonan ini / not a field of this request`);
  }
  // Argument constraints name arguments of one field, so they are attached per field only.
  if (attached.all?.arguments) {
    problems.push('all.arguments: batasan argumen hanya dapat diberikan per field / argument constraints are per field only');
  }
  for (const [coordinate, set] of Object.entries(attached.fields ?? {})) {
    const args = argumentsOf(schema, coordinate);
    if (args === null || !allowed.has(coordinate)) continue;
    for (const name of argumentNames(set)) {
      if (!args.has(name)) problems.push(`${coordinate}(${name}): argumen tidak ada pada field ini / no such argument on this field`);
    }
  }
  if (problems.length > 0) {
    return fail(
      'VALIDATION_FAILED',
      {
        id: `Syarat akses tidak dapat diterapkan: ${problems.join('; ')}.`,
        en: `The access conditions cannot be applied: ${problems.join('; ')}.`,
      },
      { problems },
    );
  }
  return ok(attached);
}

function argumentNames(set: ConditionSet): string[] {
  const constraints = set.arguments;
  if (!constraints) return [];
  return [
    ...new Set([
      ...(constraints.required ?? []),
      ...(constraints.forbidden ?? []),
      ...Object.keys(constraints.allowedValues ?? {}),
      ...Object.keys(constraints.patterns ?? {}),
      ...Object.keys(constraints.maximum ?? {}),
    ]),
  ];
}

/** The argument names of a field, or null when the schema is unknown (checked at evaluation only). */
function argumentsOf(schema: GraphQLSchema | null, coordinate: string): Set<string> | null {
  if (!schema) return null;
  const [typeName, fieldName] = coordinate.split('.') as [string, string];
  const type = schema.getType(typeName);
  const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
  return new Set(field?.args.map((argument) => argument.name) ?? []);
}

/** The graph's current API schema, to check argument names; null before anything is published. */
export async function requestSchema(db: Executor, graphId: string): Promise<GraphQLSchema | null> {
  const supergraph = await new SupergraphRepository(db).latestForGraph(graphId);
  return supergraph ? apiSchemaOf(supergraph.sdlHash, supergraph.apiSchemaSdl) : null;
}
