export { buildSubgraphServer, formatSubgraphError } from './subgraphServer.ts';
export type {
  AgencySubgraphOptions,
  SubgraphResolvers,
  SubgraphServer,
  SubgraphServerOptions,
} from './subgraphServer.ts';
export { createRestClient, createGroupedLoader, createKeyedLoader } from './restClient.ts';
export type { LoaderOptions, Query, QueryValue, RestClient, RestClientOptions } from './restClient.ts';
export {
  MAX_BATCH_IDS,
  badRequest,
  buildRestServer,
  notFound,
  optionalText,
  parseEnum,
  parseIdList,
  parseLimit,
  readSeed,
  sameText,
  urlOf,
} from './restServer.ts';
export type { ListenOptions, RestBackend, RestServerOptions } from './restServer.ts';
export {
  contextBaseOf,
  createFieldGuard,
  entityKeys,
  forbiddenField,
  guardEntityReferences,
} from './fieldGuard.ts';
export type { SubgraphContextBase } from './fieldGuard.ts';
export {
  NIK_PATTERN,
  NIP_PATTERN,
  NOMOR_KK_PATTERN,
  assertIdentifier,
  badInput,
  toGraphQLError,
} from './errors.ts';

/** Resolves every key, throwing the first error (DataLoader's loadMany returns errors in place). */
export async function loadAll<K, V>(
  loader: { loadMany(keys: readonly K[]): Promise<Array<V | Error>> },
  keys: readonly K[],
): Promise<V[]> {
  const values = await loader.loadMany(keys);
  for (const value of values) if (value instanceof Error) throw value;
  return values as V[];
}
