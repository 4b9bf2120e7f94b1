/**
 * graphql-js, the one instance the federation engine and graphql-inspector use.
 *
 * graphql 16 ships two builds in one package: CommonJS (`main: index`) and ESM (`module:
 * index.mjs`). Node resolves a bare `graphql` import to the CommonJS build, and so do @apollo/* and
 * graphql-inspector; Vite (hence vitest) resolves our own sources' `graphql` import to `index.mjs`,
 * a second instance whose classes fail graphql's `instanceof` checks against the first ("Cannot use
 * GraphQLObjectType from another module or realm"). Schemas and errors cross into and out of those
 * libraries here, so `registry/checks/` takes every graphql value from this module: the same
 * instance under Node, tsx and vitest. Types still come from `import type ... from 'graphql'`.
 */
import { createRequire } from 'node:module';
import type * as GraphQL from 'graphql';

const graphql = createRequire(import.meta.url)('graphql') as typeof GraphQL;

export const {
  buildASTSchema,
  getNamedType,
  GraphQLError,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  Kind,
  parse,
  print,
  printSchema,
  visit,
} = graphql;
export type GraphQLError = GraphQL.GraphQLError;
export type Kind = GraphQL.Kind;
