/**
 * The API shape of a subgraph: what its clients can ask of it, without the federation plumbing.
 * Breaking-change detection runs on this shape so that federation noise is never reported as a
 * change: adding `@key`, `@tag` or `@shareable`, upgrading the federation version or switching from
 * Federation 1 `extend type` to Federation 2 changes nothing here.
 *
 * From the subgraph (extensions merged) this removes: every directive definition without an
 * executable location (all of federation's and link's), every directive application except the
 * built-ins (`@deprecated`, `@specifiedBy`, `@oneOf`), federation's types (`_Any`, `_Entity`,
 * `_Service`, FieldSet, `link__*`), `Query._entities` and `Query._service`, every element marked
 * `@inaccessible` (it is not in the supergraph's API) and every `@external` field (it is served by
 * another subgraph, not this one), then any field, argument, union member or interface that
 * referred to a removed type.
 */
import { buildASTSchema, Kind, visit } from 'graphql';
import type {
  DirectiveDefinitionNode,
  DirectiveNode,
  DocumentNode,
  FieldDefinitionNode,
  GraphQLSchema,
  InputValueDefinitionNode,
  InterfaceTypeDefinitionNode,
  NamedTypeNode,
  ObjectTypeDefinitionNode,
  TypeNode,
  UnionTypeDefinitionNode,
} from 'graphql';
import { ErrorCode, PenghubungError } from '../../lib/errors.ts';
import { loadSubgraph } from './federation.ts';
import type { LoadedSubgraph } from './federation.ts';
import { hasDirective } from './metadata.ts';

const BUILT_IN_DIRECTIVES = new Set(['deprecated', 'specifiedBy', 'oneOf']);
const EXECUTABLE_LOCATIONS = new Set([
  'QUERY',
  'MUTATION',
  'SUBSCRIPTION',
  'FIELD',
  'FRAGMENT_DEFINITION',
  'FRAGMENT_SPREAD',
  'INLINE_FRAGMENT',
  'VARIABLE_DEFINITION',
]);
const FEDERATION_ROOT_FIELDS = new Set(['_entities', '_service']);

/** The subgraph's API shape as a graphql-js schema. Throws VALIDATION_FAILED on an invalid subgraph. */
export function subgraphApiSchema(sdl: string): GraphQLSchema {
  const loaded = loadSubgraph(sdl);
  if (!loaded.ok) {
    throw new PenghubungError(
      ErrorCode.VALIDATION_FAILED,
      {
        id: `Skema bukan subgraph federasi yang sah: ${loaded.issues[0]?.message ?? ''}`,
        en: `Schema is not a valid federation subgraph: ${loaded.issues[0]?.message ?? ''}`,
      },
      { errors: loaded.issues },
    );
  }
  return buildASTSchema(apiShapeDocument(loaded.value), { assumeValidSDL: true });
}

export function apiShapeDocument({ document, names }: LoadedSubgraph): DocumentNode {
  const removedTypes = new Set(names.federationTypes);
  const externalTypes = new Set<string>();
  for (const definition of document.definitions) {
    if (!('name' in definition) || !definition.name || definition.kind === Kind.DIRECTIVE_DEFINITION)
      continue;
    const directives = 'directives' in definition ? definition.directives : undefined;
    if (hasDirective(directives, names.inaccessible)) removedTypes.add(definition.name.value);
    if (hasDirective(directives, names.external)) externalTypes.add(definition.name.value);
  }
  const isRemoved = (type: TypeNode): boolean => removedTypes.has(namedTypeOf(type));
  const keepNamed = (list: readonly NamedTypeNode[] | undefined): NamedTypeNode[] | undefined =>
    list?.filter((named) => !removedTypes.has(named.name.value));

  const withoutRemovedReferences = <T extends ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode>(
    node: T,
  ): T => ({ ...node, interfaces: keepNamed(node.interfaces) }) as T;

  return visit(document, {
    DirectiveDefinition(node: DirectiveDefinitionNode) {
      return node.locations.some((location) => EXECUTABLE_LOCATIONS.has(location.value)) ? undefined : null;
    },
    SchemaExtension(node) {
      return node.operationTypes?.length ? undefined : null;
    },
    ObjectTypeDefinition(node: ObjectTypeDefinitionNode) {
      if (removedTypes.has(node.name.value)) return null;
      const external = externalTypes.has(node.name.value);
      return { ...withoutRemovedReferences(node), fields: external ? [] : node.fields };
    },
    InterfaceTypeDefinition(node: InterfaceTypeDefinitionNode) {
      return removedTypes.has(node.name.value) ? null : withoutRemovedReferences(node);
    },
    UnionTypeDefinition(node: UnionTypeDefinitionNode) {
      return removedTypes.has(node.name.value) ? null : { ...node, types: keepNamed(node.types) };
    },
    EnumTypeDefinition(node) {
      return removedTypes.has(node.name.value) ? null : undefined;
    },
    InputObjectTypeDefinition(node) {
      return removedTypes.has(node.name.value) ? null : undefined;
    },
    ScalarTypeDefinition(node) {
      return removedTypes.has(node.name.value) ? null : undefined;
    },
    FieldDefinition(node: FieldDefinitionNode) {
      const drop =
        FEDERATION_ROOT_FIELDS.has(node.name.value) ||
        hasDirective(node.directives, names.inaccessible) ||
        hasDirective(node.directives, names.external) ||
        isRemoved(node.type);
      return drop ? null : undefined;
    },
    InputValueDefinition(node: InputValueDefinitionNode) {
      return hasDirective(node.directives, names.inaccessible) || isRemoved(node.type) ? null : undefined;
    },
    EnumValueDefinition(node) {
      return hasDirective(node.directives, names.inaccessible) ? null : undefined;
    },
    Directive(node: DirectiveNode) {
      return BUILT_IN_DIRECTIVES.has(node.name.value) ? undefined : null;
    },
  });
}

function namedTypeOf(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type);
}
