/**
 * The registry's schema checks: pure functions over SDL text, no database. The grant and access-log
 * sources of the protected-field check are injected.
 */
export { validateSubgraphSdl } from './validateSubgraphSdl.ts';
export type {
  SyntaxErrorDetails,
  ValidateSubgraphOptions,
  ValidatedSubgraph,
  ValidationFailureDetails,
} from './validateSubgraphSdl.ts';
export { composeGraph } from './composeGraph.ts';
export type { CompositionHintInfo, CompositionOutcome } from './composeGraph.ts';
export { COMPOSITION_RETRY_AFTER_SECONDS, createComposer } from './composer.ts';
export type { Composer, ComposerOptions } from './composer.ts';
export { diffSchemas, renderDiff } from './diffSchemas.ts';
export type { SchemaChange } from './diffSchemas.ts';
export { canonicalSdl, sdlLineDiff } from './sdlLineDiff.ts';
export type { LineDiffOptions } from './sdlLineDiff.ts';
export {
  CLASSIFICATIONS,
  CLASSIFICATION_TAG_PREFIX,
  DEFAULT_CLASSIFICATION,
  PERSONAL_DATA_TAG,
  extractFieldMetadata,
  extractTypeMetadata,
} from './metadata.ts';
export type { FieldMetadata, TypeKind, TypeMetadata } from './metadata.ts';
export { checkProtectedFields } from './protectedFields.ts';
export type {
  GrantHolder,
  ProtectedFieldViolation,
  ProtectionSources,
  TrafficSummary,
} from './protectedFields.ts';
export { classifyAddress, validateRoutingUrl } from './routingUrl.ts';
export type {
  ResolvedAddress,
  RoutingUrlOptions,
  RoutingUrlRefusal,
  ValidatedRoutingUrl,
} from './routingUrl.ts';
export { DEFAULT_MAX_SDL_BYTES, runChecks } from './runChecks.ts';
export type { CheckReport, RunChecksInput } from './runChecks.ts';
export type { Classification, Criticality, FederationIssue, SourcePosition, SubgraphInput } from './types.ts';
