/**
 * Which fields of OTHER agencies a subgraph's SDL reaches (DESIGN.md, "Trust boundaries"; STYLE.md
 * rule 26): a publish that adds such a reach is a cross-agency change, held until the owner consents.
 *
 * A field `T.f` is owned by the agencies whose subgraphs define it (not `@external`, not a key field
 * of `T` there: key fields are shared by every subgraph of an entity by design). The SDL of subgraph S
 * reaches an owned field of another agency when:
 * - `override`: S defines `T.f` with `@override(from: "X")` and X is another agency's subgraph (even
 *   when X no longer defines it);
 * - `shared`: S defines `T.f` (resolves it itself, `@shareable` or a plain new definition) and another
 *   agency owns `T.f`: requesters of `T.f` may then be served what S returns;
 * - `provides`: a field of S carries `@provides(fields: …)` naming another agency's field of the
 *   returned type: S claims to resolve it on that path;
 * - `requires`: a field of S carries `@requires(fields: …)` naming another agency's field: the gateway
 *   then hands S that agency's data.
 * Only new reaches count: those the previous version of S already had were accepted then.
 */
import { Kind, parse } from 'graphql';
import type {
  ConstDirectiveNode,
  DocumentNode,
  FieldDefinitionNode,
  ObjectTypeDefinitionNode,
  ObjectTypeExtensionNode,
  InterfaceTypeDefinitionNode,
  InterfaceTypeExtensionNode,
  SelectionSetNode,
  TypeNode,
} from 'graphql';

export type CrossAgencyReachKind = 'override' | 'shared' | 'provides' | 'requires';

export interface CrossAgencyReach {
  kind: CrossAgencyReachKind;
  /** The other agency's field, `Type.field`. */
  coordinate: string;
  ownerAgencyId: string;
  /** The owner's subgraph that defines the field (or the one `@override(from:)` names). */
  ownerSubgraph: string;
}

export interface OwnedSubgraph {
  name: string;
  agencyId: string;
  sdl: string;
}

export interface CrossAgencyInput {
  subgraphName: string;
  agencyId: string;
  newSdl: string;
  previousSdl: string | null;
  /** Every other stored subgraph (any agency, any theme). */
  others: readonly OwnedSubgraph[];
}

type FieldHolder =
  | ObjectTypeDefinitionNode
  | ObjectTypeExtensionNode
  | InterfaceTypeDefinitionNode
  | InterfaceTypeExtensionNode;

/** The new reaches of `newSdl` into other agencies' fields, sorted; [] for an SDL that does not parse. */
export function findCrossAgencyReaches(input: CrossAgencyInput): CrossAgencyReach[] {
  const owners = new Map<string, { agencyId: string; subgraph: string }[]>();
  const subgraphAgency = new Map<string, string>();
  for (const other of input.others) {
    if (other.name === input.subgraphName) continue;
    subgraphAgency.set(other.name, other.agencyId);
    if (other.agencyId === input.agencyId) continue;
    const document = parsed(other.sdl);
    if (!document) continue;
    for (const { holder, field, keyFields } of fieldsOf(document)) {
      if (hasDirective(field, 'external') || keyFields.has(field.name.value)) continue;
      const coordinate = `${holder.name.value}.${field.name.value}`;
      const list = owners.get(coordinate) ?? [];
      list.push({ agencyId: other.agencyId, subgraph: other.name });
      owners.set(coordinate, list);
    }
  }

  const reachesOf = (sdl: string | null): Map<string, CrossAgencyReach> => {
    const found = new Map<string, CrossAgencyReach>();
    const document = sdl === null ? null : parsed(sdl);
    if (!document) return found;
    const returnTypes = returnTypesOf(document);
    const add = (kind: CrossAgencyReachKind, coordinate: string): void => {
      for (const owner of owners.get(coordinate) ?? []) {
        const reach = { kind, coordinate, ownerAgencyId: owner.agencyId, ownerSubgraph: owner.subgraph };
        found.set(`${kind}|${coordinate}|${owner.agencyId}`, reach);
      }
    };
    for (const { holder, field, keyFields } of fieldsOf(document)) {
      const typeName = holder.name.value;
      const coordinate = `${typeName}.${field.name.value}`;
      const override = stringArgument(directive(field, 'override'), 'from');
      if (override !== undefined) {
        const ownerAgencyId = subgraphAgency.get(override);
        if (ownerAgencyId !== undefined && ownerAgencyId !== input.agencyId) {
          found.set(`override|${coordinate}|${ownerAgencyId}`, {
            kind: 'override',
            coordinate,
            ownerAgencyId,
            ownerSubgraph: override,
          });
        }
      }
      if (!hasDirective(field, 'external') && !keyFields.has(field.name.value)) {
        add(override === undefined ? 'shared' : 'override', coordinate);
      }
      const provided = stringArgument(directive(field, 'provides'), 'fields');
      const returned = namedType(field.type);
      if (provided !== undefined) {
        for (const path of selectionCoordinates(provided, returned, returnTypes)) add('provides', path);
      }
      const required = stringArgument(directive(field, 'requires'), 'fields');
      if (required !== undefined) {
        for (const path of selectionCoordinates(required, typeName, returnTypes)) add('requires', path);
      }
    }
    return found;
  };

  const before = reachesOf(input.previousSdl);
  return [...reachesOf(input.newSdl)]
    .filter(([key]) => !before.has(key))
    .map(([, reach]) => reach)
    .sort((a, b) => a.coordinate.localeCompare(b.coordinate) || a.kind.localeCompare(b.kind));
}

function parsed(sdl: string): DocumentNode | null {
  try {
    return parse(sdl, { noLocation: true });
  } catch {
    return null;
  }
}

function* fieldsOf(
  document: DocumentNode,
): Generator<{ holder: FieldHolder; field: FieldDefinitionNode; keyFields: ReadonlySet<string> }> {
  const keysByType = new Map<string, Set<string>>();
  const holders: FieldHolder[] = [];
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
    ) {
      continue;
    }
    holders.push(definition);
    const keys = keysByType.get(definition.name.value) ?? new Set<string>();
    for (const key of definition.directives ?? []) {
      if (key.name.value !== 'key' && key.name.value !== 'federation__key') continue;
      for (const name of topLevelFields(stringArgument(key, 'fields') ?? '')) keys.add(name);
    }
    keysByType.set(definition.name.value, keys);
  }
  for (const holder of holders) {
    const keyFields = keysByType.get(holder.name.value) ?? new Set<string>();
    for (const field of holder.fields ?? []) yield { holder, field, keyFields };
  }
}

/** The return type name of every field, per type, to follow `@provides`/`@requires` selections. */
function returnTypesOf(document: DocumentNode): Map<string, Map<string, string>> {
  const types = new Map<string, Map<string, string>>();
  for (const { holder, field } of fieldsOf(document)) {
    const fields = types.get(holder.name.value) ?? new Map<string, string>();
    fields.set(field.name.value, namedType(field.type));
    types.set(holder.name.value, fields);
  }
  return types;
}

/** `Type.field` of every field a field-set selection (`"a b { c }"`) names, starting at `typeName`. */
function selectionCoordinates(
  fields: string,
  typeName: string,
  returnTypes: ReadonlyMap<string, ReadonlyMap<string, string>>,
): string[] {
  const selection = selectionOf(fields);
  if (!selection) return [];
  const coordinates: string[] = [];
  const visit = (type: string, set: SelectionSetNode): void => {
    for (const item of set.selections) {
      if (item.kind === Kind.FIELD) {
        coordinates.push(`${type}.${item.name.value}`);
        const child = returnTypes.get(type)?.get(item.name.value);
        if (item.selectionSet && child) visit(child, item.selectionSet);
      } else if (item.kind === Kind.INLINE_FRAGMENT) {
        visit(item.typeCondition?.name.value ?? type, item.selectionSet);
      }
    }
  };
  visit(typeName, selection);
  return coordinates;
}

function topLevelFields(fields: string): string[] {
  const selection = selectionOf(fields);
  if (!selection) return [];
  return selection.selections.flatMap((item) => (item.kind === Kind.FIELD ? [item.name.value] : []));
}

function selectionOf(fields: string): SelectionSetNode | null {
  try {
    const operation = parse(`{ ${fields} }`, { noLocation: true }).definitions[0];
    return operation?.kind === Kind.OPERATION_DEFINITION ? operation.selectionSet : null;
  } catch {
    return null;
  }
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/** A federation directive by name, also under its namespaced form (`@federation__override`). */
function directive(node: { directives?: readonly ConstDirectiveNode[] }, name: string): ConstDirectiveNode | undefined {
  return node.directives?.find(
    (candidate) => candidate.name.value === name || candidate.name.value === `federation__${name}`,
  );
}

function hasDirective(node: { directives?: readonly ConstDirectiveNode[] }, name: string): boolean {
  return directive(node, name) !== undefined;
}

function stringArgument(node: ConstDirectiveNode | undefined, name: string): string | undefined {
  const value = node?.arguments?.find((argument) => argument.name.value === name)?.value;
  return value?.kind === Kind.STRING ? value.value : undefined;
}
