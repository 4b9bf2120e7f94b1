/**
 * Field-level authorization, independent of the GraphQL engine: it reads a graphql-js schema (the
 * API schema of the composed supergraph), a document, an operation name, variables and a grant set.
 * The Apollo Server adapter is `../plugin.ts`; nothing here imports @apollo/server or @apollo/gateway.
 */
export {
  collectFieldCoordinates,
  collectOperationCoordinates,
  type OperationCoordinates,
} from './coordinates.ts';
export {
  authorizeCoordinates,
  buildShieldRules,
  type AuthorizationDecision,
  type Grant,
  type GrantRules,
  type ShieldRule,
} from './rules.ts';
export { removeDeniedFields, type TrimmedOperation } from './removeDeniedFields.ts';
export { filterSchemaForCoordinates } from './filterSchema.ts';
export {
  FieldAuthorizer,
  type AuthorizationResult,
  type FieldAuthorizerOptions,
  type GrantSet,
  type OperationRequest,
} from './authorizer.ts';
export { LruCache } from './lru.ts';
export { selectOperation, type RawVariables } from './operation.ts';
