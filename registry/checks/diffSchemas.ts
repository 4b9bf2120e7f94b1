/**
 * Schema changes between two versions of one subgraph, classified by graphql-inspector on the
 * subgraphs' API shapes (see `apiShape.ts`), with an Indonesian rendering and the field coordinates
 * each change can hurt (the input of the protected-field check).
 */
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import type { Change } from '@graphql-inspector/core';
import { getNamedType, isInputObjectType, isInterfaceType, isObjectType, isUnionType } from 'graphql';
import type { GraphQLField, GraphQLInputType, GraphQLNamedType, GraphQLSchema } from 'graphql';
import { subgraphApiSchema } from './apiShape.ts';
import { renderChangeId } from './changeMessages.ts';
import type { Criticality } from './types.ts';

export interface SchemaChange {
  /** graphql-inspector's change type, e.g. `FIELD_REMOVED`, `FIELD_ARGUMENT_ADDED`. */
  type: string;
  criticality: Criticality;
  /** English, graphql-inspector's own message. */
  message: string;
  /** Indonesian rendering. */
  messageId: string;
  /**
   * Schema coordinate of the changed element: `Type.field` for fields and their arguments,
   * `Input.field` for input fields, `Enum.VALUE` for enum values, `Type` for type-level changes.
   */
  coordinate: string | null;
  /** graphql-inspector's path (`Query.penduduk.nik` for an argument). */
  path: string | null;
  /** Why the change has its criticality, when graphql-inspector says (English). */
  reason: string | null;
  /**
   * Object and interface field coordinates (`Type.field`) a requester may hold a grant for or call,
   * that this change can break: the field itself, every field of a removed type, or every field
   * whose result or arguments use a changed enum, input, union or scalar.
   */
  affectedCoordinates: string[];
}

const CRITICALITY: Record<CriticalityLevel, Criticality> = {
  [CriticalityLevel.Breaking]: 'BREAKING',
  [CriticalityLevel.Dangerous]: 'DANGEROUS',
  [CriticalityLevel.NonBreaking]: 'SAFE',
};

const CRITICALITY_ORDER: Record<Criticality, number> = { BREAKING: 0, DANGEROUS: 1, SAFE: 2 };

/**
 * Changes from `oldSdl` (null for a first publish: everything is an addition) to `newSdl`, breaking
 * first. Both must be valid subgraphs (validate before diffing); otherwise this throws
 * VALIDATION_FAILED.
 */
export async function diffSchemas(oldSdl: string | null, newSdl: string): Promise<SchemaChange[]> {
  const oldSchema = oldSdl === null ? null : subgraphApiSchema(oldSdl);
  const newSchema = subgraphApiSchema(newSdl);
  const inspected = await diff(oldSchema, newSchema);
  const usage = new UsageIndex(oldSchema ?? newSchema);
  const changes = inspected
    .filter((change) => !isDeprecatedUsageEcho(change))
    .map((change) => toSchemaChange(change, usage));
  return changes.sort((a, b) => CRITICALITY_ORDER[a.criticality] - CRITICALITY_ORDER[b.criticality]);
}

/**
 * graphql-inspector reports a new `@deprecated` twice: as FIELD_DEPRECATION_ADDED (and its enum-value
 * and argument siblings) and again as generic DIRECTIVE_USAGE_* changes. Only the first is kept.
 */
function isDeprecatedUsageEcho(change: Change): boolean {
  if (!String(change.type).startsWith('DIRECTIVE_USAGE_')) return false;
  const meta = (change.meta ?? {}) as Record<string, unknown>;
  const name = meta['addedDirectiveName'] ?? meta['removedDirectiveName'] ?? meta['directiveName'];
  return name === 'deprecated';
}

function toSchemaChange(change: Change, usage: UsageIndex): SchemaChange {
  const path = change.path ?? null;
  const coordinate = path === null || path.startsWith('@') ? null : path.split('.').slice(0, 2).join('.');
  return {
    type: String(change.type),
    criticality: CRITICALITY[change.criticality.level],
    message: change.message,
    messageId: renderChangeId({
      type: String(change.type),
      message: change.message,
      meta: change.meta ?? {},
    }),
    coordinate,
    path,
    reason: change.criticality.reason ?? null,
    affectedCoordinates: coordinate === null ? [] : usage.affectedBy(coordinate),
  };
}

/** Which object/interface field coordinates use each named type (result, arguments, nested inputs). */
class UsageIndex {
  private readonly usedBy = new Map<string, Set<string>>();

  constructor(private readonly schema: GraphQLSchema) {
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
      for (const field of Object.values(type.getFields())) {
        const coordinate = `${type.name}.${field.name}`;
        for (const used of typesUsedBy(field)) this.add(used, coordinate);
      }
    }
  }

  private add(typeName: string, coordinate: string): void {
    let set = this.usedBy.get(typeName);
    if (!set) this.usedBy.set(typeName, (set = new Set()));
    set.add(coordinate);
  }

  affectedBy(coordinate: string): string[] {
    const [typeName = '', memberName] = coordinate.split('.');
    const type = this.schema.getType(typeName);
    if (type && (isObjectType(type) || isInterfaceType(type))) {
      if (memberName !== undefined) return [coordinate];
      return Object.keys(type.getFields()).map((field) => `${typeName}.${field}`);
    }
    return [...(this.usedBy.get(typeName) ?? [])].sort();
  }
}

/** Named types a field depends on: its result type and, through input objects, its arguments' types. */
function typesUsedBy(field: GraphQLField<unknown, unknown>): Set<string> {
  const used = new Set<string>();
  const result = getNamedType(field.type);
  used.add(result.name);
  if (isUnionType(result)) for (const member of result.getTypes()) used.add(member.name);
  const visitInput = (type: GraphQLInputType): void => {
    const named: GraphQLNamedType = getNamedType(type);
    if (used.has(named.name)) return;
    used.add(named.name);
    if (isInputObjectType(named))
      for (const inputField of Object.values(named.getFields())) visitInput(inputField.type);
  };
  for (const argument of field.args) visitInput(argument.type);
  return used;
}

const SECTION_TITLES: Record<Criticality, string> = {
  BREAKING: 'Perubahan yang memutus kompatibilitas (BREAKING)',
  DANGEROUS: 'Perubahan berisiko (DANGEROUS)',
  SAFE: 'Perubahan aman (SAFE)',
};

/** The changes as text a publisher reads (Indonesian), grouped breaking / dangerous / safe. */
export function renderDiff(changes: readonly SchemaChange[]): string {
  if (changes.length === 0) return 'Tidak ada perubahan skema.';
  const count = (level: Criticality): number => changes.filter((c) => c.criticality === level).length;
  const lines = [
    `Ringkasan: ${changes.length} perubahan — ${count('BREAKING')} memutus kompatibilitas, ` +
      `${count('DANGEROUS')} berisiko, ${count('SAFE')} aman.`,
  ];
  for (const level of ['BREAKING', 'DANGEROUS', 'SAFE'] as const) {
    const group = changes.filter((change) => change.criticality === level);
    if (group.length === 0) continue;
    lines.push('', `${SECTION_TITLES[level]}:`);
    for (const change of group) lines.push(`  - ${change.messageId}`);
  }
  return lines.join('\n');
}
