/**
 * The registry's route map: every operation, its method and URL, in one place. Each operation lives
 * in its own file under `registry/operations/<domain>/`.
 *
 * The access workflow (clients, access requests, approvals, grants, credentials) keeps its own map in
 * `registry/access/routes.ts` and is plugged in here by `registerAccessRoutes(app, deps)`: same
 * authentication hook (`request.actor`), error handler, zod type provider and OpenAPI document.
 * Further modules can be passed to `buildRegistry({ routeModules })` with the same `(app, deps)`.
 */
import type { FastifyInstance } from 'fastify';
import { registerAccessRoutes } from './access/routes.ts';
import type { RegistryDeps } from './deps.ts';
import { registerEvaluationRoutes } from './evaluation/routes.ts';
import { registerOperation } from './http/operation.ts';
import type { RouteEntry } from './http/operation.ts';
import { acceptCrossAgencyChange } from './operations/changes/acceptCrossAgencyChange.ts';
import { declineCrossAgencyChange } from './operations/changes/declineCrossAgencyChange.ts';
import { listCrossAgencyChanges } from './operations/changes/listCrossAgencyChanges.ts';
import { createAgency } from './operations/admin/createAgency.ts';
import { setAgencyRoutingHosts } from './operations/admin/setAgencyRoutingHosts.ts';
import { createGraph } from './operations/admin/createGraph.ts';
import { createTheme } from './operations/admin/createTheme.ts';
import { createUser } from './operations/admin/createUser.ts';
import { disableUser } from './operations/admin/disableUser.ts';
import { issueUserToken } from './operations/admin/issueUserToken.ts';
import { listUsers } from './operations/admin/listUsers.ts';
import { listUserTokens } from './operations/admin/listUserTokens.ts';
import { revokeUserToken } from './operations/admin/revokeUserToken.ts';
import { listAgencies } from './operations/catalogue/listAgencies.ts';
import { listThemes } from './operations/catalogue/listThemes.ts';
import { getDirectory } from './operations/directory/getDirectory.ts';
import { searchDirectory } from './operations/directory/searchDirectory.ts';
import { getGraphSdl } from './operations/graphs/getGraphSdl.ts';
import { getSupergraphSdl } from './operations/graphs/getSupergraphSdl.ts';
import { listGraphs } from './operations/graphs/listGraphs.ts';
import { whoAmI } from './operations/session/whoAmI.ts';
import { checkSubgraph } from './operations/subgraphs/checkSubgraph.ts';
import { getSubgraphSdl } from './operations/subgraphs/getSubgraphSdl.ts';
import { getSubgraphVersion } from './operations/subgraphs/getSubgraphVersion.ts';
import { listSubgraphVersions } from './operations/subgraphs/listSubgraphVersions.ts';
import { publishChangeSet } from './operations/subgraphs/publishChangeSet.ts';
import { publishSubgraph } from './operations/subgraphs/publishSubgraph.ts';
import { updateFieldMetadata } from './operations/subgraphs/updateFieldMetadata.ts';

export const routeMap: RouteEntry[] = [
  // session
  { method: 'GET', url: '/v1/me', operation: whoAmI },

  // administration (administrator only)
  { method: 'POST', url: '/v1/admin/agencies', operation: createAgency },
  { method: 'PUT', url: '/v1/admin/agencies/:slug/routing-hosts', operation: setAgencyRoutingHosts },
  { method: 'POST', url: '/v1/admin/themes', operation: createTheme },
  { method: 'POST', url: '/v1/admin/graphs', operation: createGraph },
  { method: 'POST', url: '/v1/admin/users', operation: createUser },
  { method: 'GET', url: '/v1/admin/users', operation: listUsers },
  { method: 'POST', url: '/v1/admin/users/:userId/disable', operation: disableUser },
  { method: 'GET', url: '/v1/admin/tokens', operation: listUserTokens },
  { method: 'POST', url: '/v1/admin/users/:userId/tokens', operation: issueUserToken },
  { method: 'POST', url: '/v1/admin/tokens/:tokenId/revoke', operation: revokeUserToken },

  // publishing (publisher of the owning agency, or administrator)
  { method: 'POST', url: '/v1/subgraphs/publish', operation: publishSubgraph },
  { method: 'POST', url: '/v1/subgraphs/check', operation: checkSubgraph },
  { method: 'POST', url: '/v1/change-sets', operation: publishChangeSet },

  // cross-agency changes: held publishes that reach other agencies' fields, and the owners' decisions
  { method: 'GET', url: '/v1/cross-agency-changes', operation: listCrossAgencyChanges },
  { method: 'POST', url: '/v1/cross-agency-changes/:id/accept', operation: acceptCrossAgencyChange },
  { method: 'POST', url: '/v1/cross-agency-changes/:id/decline', operation: declineCrossAgencyChange },

  // metadata repository
  { method: 'GET', url: '/v1/subgraphs/:name/versions', operation: listSubgraphVersions },
  { method: 'GET', url: '/v1/subgraphs/:name/versions/:version', operation: getSubgraphVersion },
  { method: 'GET', url: '/v1/subgraphs/:name/sdl', operation: getSubgraphSdl },
  { method: 'PATCH', url: '/v1/subgraphs/:name/fields/:coordinate', operation: updateFieldMetadata },
  { method: 'GET', url: '/v1/graphs', operation: listGraphs },
  { method: 'GET', url: '/v1/graphs/:name/sdl', operation: getGraphSdl },
  { method: 'GET', url: '/v1/graphs/:name/supergraph', operation: getSupergraphSdl },

  // service directory
  { method: 'GET', url: '/v1/directory', operation: getDirectory },
  { method: 'GET', url: '/v1/directory/search', operation: searchDirectory },
  { method: 'GET', url: '/v1/agencies', operation: listAgencies },
  { method: 'GET', url: '/v1/themes', operation: listThemes },

  // access workflow (/v1/clients, /v1/access-requests, /v1/grants, credentials): registry/access/routes.ts
];

/** A set of routes registered on the registry app with the registry's dependencies. */
export type RouteModule = (app: FastifyInstance, deps: RegistryDeps) => void | Promise<void>;

export async function registerRoutes(
  app: FastifyInstance,
  deps: RegistryDeps,
  modules: readonly RouteModule[] = [],
): Promise<void> {
  for (const entry of routeMap) registerOperation(app, deps, entry);
  registerAccessRoutes(app, deps);
  await registerEvaluationRoutes(app, deps);
  for (const module of modules) await module(app, deps);
}
