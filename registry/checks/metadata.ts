/**
 * The metadata repository's view of a subgraph: every type and every object field an agency serves,
 * with its description, its classification (publik / terbatas / rahasia) and whether it holds
 * personal data (UU PDP 27/2022). Agencies declare both with federation's `@tag`, which composition
 * carries into the supergraph, so no custom directive has to be defined or composed:
 *
 *   type Penduduk @key(fields: "nik") @tag(name: "data-pribadi") {
 *     nik: ID! @tag(name: "klasifikasi:rahasia")
 *     kecamatan: String @tag(name: "klasifikasi:publik")
 *   }
 *
 * A field takes its own classification, else its type's, else `terbatas` (restricted: nothing is
 * public unless someone said so). Several levels on one element resolve to the strictest. Personal
 * data on a type marks every field of the type. Fields marked `@inaccessible` (not in the API) and
 * `@external` (served by another subgraph) are left out; so are federation's own types and fields.
 */
import { Kind, parse } from 'graphql';
import type {
  ConstDirectiveNode,
  DefinitionNode,
  DirectiveNode,
  FieldDefinitionNode,
  InterfaceTypeDefinitionNode,
  ObjectTypeDefinitionNode,
  ObjectTypeExtensionNode,
  TypeNode,
} from 'graphql';
import { ErrorCode, PenghubungError } from '../../lib/errors.ts';
import { loadSubgraph } from './federation.ts';
import type { FederationNames, LoadedSubgraph } from './federation.ts';
import type { Classification } from './types.ts';

export const CLASSIFICATIONS = ['publik', 'terbatas', 'rahasia'] as const satisfies readonly Classification[];
export const DEFAULT_CLASSIFICATION: Classification = 'terbatas';
export const CLASSIFICATION_TAG_PREFIX = 'klasifikasi:';
export const PERSONAL_DATA_TAG = 'data-pribadi';

export interface FieldMetadata {
  /** Schema coordinate, `Type.field`: the unit of access requests and grants. */
  coordinate: string;
  typeName: string;
  fieldName: string;
  description: string | null;
  classification: Classification;
  personalData: boolean;
  /** The field's type as written, e.g. `[Penduduk!]!`. */
  returnType: string;
  /** True when the field is a top-level field of one of its type's `@key`s. */
  isEntityKey: boolean;
}

export type TypeKind = 'OBJECT' | 'INTERFACE' | 'UNION' | 'ENUM' | 'INPUT_OBJECT' | 'SCALAR';

export interface TypeMetadata {
  typeName: string;
  kind: TypeKind;
  description: string | null;
  /** The `fields` of every `@key` on the type, as written (`"nik"`, `"nomor kabupaten { kode }"`). */
  keys: string[];
  isEntity: boolean;
  /** The type's own classification (the default when none is declared). */
  classification: Classification;
  personalData: boolean;
}

/** Metadata of every object field the subgraph serves. Throws VALIDATION_FAILED on an invalid subgraph. */
export function extractFieldMetadata(sdl: string): FieldMetadata[] {
  const { document, names } = loadOrThrow(sdl);
  const fields: FieldMetadata[] = [];
  for (const definition of objectTypeDefinitions(document.definitions, names)) {
    const typeName = definition.name.value;
    const typeTags = tagsOf(definition.directives, names);
    const keyFields = new Set(keysOf(definition, names).flatMap(topLevelFieldsOf));
    for (const field of servedFields(definition, names)) {
      const fieldTags = tagsOf(field.directives, names);
      const fieldName = field.name.value;
      fields.push({
        coordinate: `${typeName}.${fieldName}`,
        typeName,
        fieldName,
        description: field.description?.value ?? null,
        classification:
          strictestClassification(fieldTags) ?? strictestClassification(typeTags) ?? DEFAULT_CLASSIFICATION,
        personalData: fieldTags.includes(PERSONAL_DATA_TAG) || typeTags.includes(PERSONAL_DATA_TAG),
        returnType: printTypeNode(field.type),
        isEntityKey: keyFields.has(fieldName),
      });
    }
  }
  return fields;
}

/** Metadata of every type the subgraph declares (federation's own types excluded). */
export function extractTypeMetadata(sdl: string): TypeMetadata[] {
  const { document, names } = loadOrThrow(sdl);
  return visibleTypeDefinitions(document.definitions, names).map((definition) => {
    const tags = tagsOf(definition.directives, names);
    const keys =
      definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.INTERFACE_TYPE_DEFINITION
        ? keysOf(definition, names)
        : [];
    return {
      typeName: definition.name.value,
      kind: KIND_NAMES[definition.kind],
      description: definition.description?.value ?? null,
      keys,
      isEntity: keys.length > 0,
      classification: strictestClassification(tags) ?? DEFAULT_CLASSIFICATION,
      personalData: tags.includes(PERSONAL_DATA_TAG),
    };
  });
}

function loadOrThrow(sdl: string): LoadedSubgraph {
  const loaded = loadSubgraph(sdl);
  if (loaded.ok) return loaded.value;
  throw new PenghubungError(
    ErrorCode.VALIDATION_FAILED,
    {
      id: `Skema bukan subgraph federasi yang sah: ${loaded.issues[0]?.message ?? ''}`,
      en: `Schema is not a valid federation subgraph: ${loaded.issues[0]?.message ?? ''}`,
    },
    { errors: loaded.issues },
  );
}

type NamedTypeDefinition = Extract<DefinitionNode, { kind: keyof typeof KIND_NAMES }>;

const KIND_NAMES = {
  [Kind.OBJECT_TYPE_DEFINITION]: 'OBJECT',
  [Kind.INTERFACE_TYPE_DEFINITION]: 'INTERFACE',
  [Kind.UNION_TYPE_DEFINITION]: 'UNION',
  [Kind.ENUM_TYPE_DEFINITION]: 'ENUM',
  [Kind.INPUT_OBJECT_TYPE_DEFINITION]: 'INPUT_OBJECT',
  [Kind.SCALAR_TYPE_DEFINITION]: 'SCALAR',
} as const satisfies Record<string, TypeKind>;

function visibleTypeDefinitions(
  definitions: readonly DefinitionNode[],
  names: FederationNames,
): NamedTypeDefinition[] {
  return definitions.filter(
    (definition): definition is NamedTypeDefinition =>
      definition.kind in KIND_NAMES &&
      !names.federationTypes.has((definition as NamedTypeDefinition).name.value) &&
      !hasDirective((definition as NamedTypeDefinition).directives, names.inaccessible),
  );
}

/**
 * Object type definitions and extensions: a Federation 1 subgraph (and a Federation 2 one may)
 * writes `extend type Pegawai @key(fields: "nip") { nip: ID! @external izin: [Izin!]! }` for an
 * entity defined elsewhere, and `izin` is served here like any other field.
 */
function objectTypeDefinitions(
  definitions: readonly DefinitionNode[],
  names: FederationNames,
): (ObjectTypeDefinitionNode | ObjectTypeExtensionNode)[] {
  return definitions.filter(
    (definition): definition is ObjectTypeDefinitionNode | ObjectTypeExtensionNode =>
      (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) &&
      !names.federationTypes.has(definition.name.value) &&
      !hasDirective(definition.directives, names.inaccessible),
  );
}

/** Federation adds `_entities` and `_service` to the query type; they are plumbing, not data. */
const FEDERATION_ROOT_FIELDS = new Set(['_entities', '_service']);

function servedFields(
  definition: ObjectTypeDefinitionNode | ObjectTypeExtensionNode,
  names: FederationNames,
): FieldDefinitionNode[] {
  const typeExternal = hasDirective(definition.directives, names.external);
  return (definition.fields ?? []).filter(
    (field) =>
      !FEDERATION_ROOT_FIELDS.has(field.name.value) &&
      !typeExternal &&
      !hasDirective(field.directives, names.external) &&
      !hasDirective(field.directives, names.inaccessible),
  );
}

export function hasDirective(directives: readonly DirectiveNode[] | undefined, name: string): boolean {
  return directives?.some((directive) => directive.name.value === name) ?? false;
}

function stringArgument(directive: ConstDirectiveNode, name: string): string | null {
  const argument = directive.arguments?.find((a) => a.name.value === name);
  return argument?.value.kind === Kind.STRING ? argument.value.value : null;
}

function tagsOf(directives: readonly ConstDirectiveNode[] | undefined, names: FederationNames): string[] {
  return (directives ?? [])
    .filter((directive) => directive.name.value === names.tag)
    .map((directive) => stringArgument(directive, 'name'))
    .filter((tag): tag is string => tag !== null);
}

function keysOf(
  definition: ObjectTypeDefinitionNode | ObjectTypeExtensionNode | InterfaceTypeDefinitionNode,
  names: FederationNames,
): string[] {
  return (definition.directives ?? [])
    .filter((directive) => directive.name.value === names.key)
    .map((directive) => stringArgument(directive, 'fields'))
    .filter((fields): fields is string => fields !== null);
}

/** `"nik kabupaten { kode }"` → `['nik', 'kabupaten']`. */
function topLevelFieldsOf(fieldSet: string): string[] {
  try {
    const [operation] = parse(`{${fieldSet}}`, { noLocation: true }).definitions;
    if (operation?.kind !== Kind.OPERATION_DEFINITION) return [];
    return operation.selectionSet.selections.flatMap((selection) =>
      selection.kind === Kind.FIELD ? [selection.name.value] : [],
    );
  } catch {
    // Unreachable for a validated subgraph: federation has already parsed every key.
    return [];
  }
}

const CLASSIFICATION_RANK: Record<Classification, number> = { publik: 0, terbatas: 1, rahasia: 2 };

function strictestClassification(tags: readonly string[]): Classification | null {
  let strictest: Classification | null = null;
  for (const tag of tags) {
    if (!tag.startsWith(CLASSIFICATION_TAG_PREFIX)) continue;
    const level = tag.slice(CLASSIFICATION_TAG_PREFIX.length);
    if (!(CLASSIFICATIONS as readonly string[]).includes(level)) continue;
    const classification = level as Classification;
    if (strictest === null || CLASSIFICATION_RANK[classification] > CLASSIFICATION_RANK[strictest]) {
      strictest = classification;
    }
  }
  return strictest;
}

export function printTypeNode(type: TypeNode): string {
  switch (type.kind) {
    case Kind.NON_NULL_TYPE:
      return `${printTypeNode(type.type)}!`;
    case Kind.LIST_TYPE:
      return `[${printTypeNode(type.type)}]`;
    case Kind.NAMED_TYPE:
      return type.name.value;
  }
}
