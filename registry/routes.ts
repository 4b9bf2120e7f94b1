/**
 * The registry's route map: every operation, its method and URL, in one place. Each operation lives
 * in its own file under `registry/operations/<domain>/` and declares the roles that may call it;
 * `registerOperation` (http/operation.ts) checks them and registers the route with the same
 * authentication hook (`request.actor`), error handler, zod type provider and OpenAPI document.
 * Further modules can be passed to `buildRegistry({ routeModules })` with the same `(app, deps)`.
 */
import type { FastifyInstance } from 'fastify';
import type { RegistryDeps } from './deps.ts';
import { registerOperation } from './http/operation.ts';
import type { RouteEntry } from './http/operation.ts';
import { approveAccessRequest } from './operations/access/approveAccessRequest.ts';
import { declineAccess } from './operations/access/declineAccess.ts';
import { getAccessRequest } from './operations/access/getAccessRequest.ts';
import { getClient } from './operations/access/getClient.ts';
import { grantAccess } from './operations/access/grantAccess.ts';
import { issueCredential } from './operations/access/issueCredential.ts';
import { listAccessRequests } from './operations/access/listAccessRequests.ts';
import { listClients } from './operations/access/listClients.ts';
import { listCredentials } from './operations/access/listCredentials.ts';
import { listGrants } from './operations/access/listGrants.ts';
import { registerClient } from './operations/access/registerClient.ts';
import { rejectAccessRequest } from './operations/access/rejectAccessRequest.ts';
import { revokeCredential } from './operations/access/revokeCredential.ts';
import { revokeGrant } from './operations/access/revokeGrant.ts';
import { submitAccessRequest } from './operations/access/submitAccessRequest.ts';
import { exportLogCsv } from './operations/evaluation/exportLogCsv.ts';
import { getLogVerification } from './operations/evaluation/getLogVerification.ts';
import { getEvaluationReport } from './operations/evaluation/getEvaluationReport.ts';
import { getLogStats } from './operations/evaluation/getLogStats.ts';
import { getMisuseSignals } from './operations/evaluation/getMisuseSignals.ts';
import { searchLogRecords } from './operations/evaluation/searchLogRecords.ts';
import { acceptCrossAgencyChange } from './operations/changes/acceptCrossAgencyChange.ts';
import { declineCrossAgencyChange } from './operations/changes/declineCrossAgencyChange.ts';
import { listCrossAgencyChanges } from './operations/changes/listCrossAgencyChanges.ts';
import { createAgency } from './operations/admin/createAgency.ts';
import { setAgencyRoutingHosts } from './operations/admin/setAgencyRoutingHosts.ts';
import { createGraph } from './operations/admin/createGraph.ts';
import { deleteGraph } from './operations/admin/deleteGraph.ts';
import { updateGraph } from './operations/admin/updateGraph.ts';
import { createTheme } from './operations/admin/createTheme.ts';
import { createUser } from './operations/admin/createUser.ts';
import { disableUser } from './operations/admin/disableUser.ts';
import { issueUserToken } from './operations/admin/issueUserToken.ts';
import { listUsers } from './operations/admin/listUsers.ts';
import { listUserTokens } from './operations/admin/listUserTokens.ts';
import { listSessions } from './operations/admin/listSessions.ts';
import { endSession } from './operations/admin/endSession.ts';
import { revokeUserToken } from './operations/admin/revokeUserToken.ts';
import { searchTrail } from './operations/admin/searchTrail.ts';
import { listAgencies } from './operations/catalogue/listAgencies.ts';
import { listThemes } from './operations/catalogue/listThemes.ts';
import { getDirectory } from './operations/directory/getDirectory.ts';
import { searchDirectory } from './operations/directory/searchDirectory.ts';
import { getGraphSdl } from './operations/graphs/getGraphSdl.ts';
import { getSupergraphSdl } from './operations/graphs/getSupergraphSdl.ts';
import { listGraphs } from './operations/graphs/listGraphs.ts';
import { changePassword } from './operations/session/changePassword.ts';
import { getSession } from './operations/session/getSession.ts';
import { signIn } from './operations/session/signIn.ts';
import { signOut } from './operations/session/signOut.ts';
import { forwardExplorerGraphQuery, forwardExplorerQuery } from './operations/explorer/forwardExplorerQuery.ts';
import { whoAmI } from './operations/session/whoAmI.ts';
import { getInbox } from './operations/notifications/getInbox.ts';
import { listNotifications } from './operations/notifications/listNotifications.ts';
import { markInboxSeen } from './operations/notifications/markInboxSeen.ts';
import { retryNotification } from './operations/notifications/retryNotification.ts';
import { enableUser } from './operations/admin/enableUser.ts';
import { resetUserPassword } from './operations/admin/resetUserPassword.ts';
import { updateAgency } from './operations/admin/updateAgency.ts';
import { updateTheme } from './operations/admin/updateTheme.ts';
import { checkChangeSet } from './operations/subgraphs/checkChangeSet.ts';
import { checkSubgraph } from './operations/subgraphs/checkSubgraph.ts';
import { getSubgraphSdl } from './operations/subgraphs/getSubgraphSdl.ts';
import { getSubgraphVersion } from './operations/subgraphs/getSubgraphVersion.ts';
import { listSubgraphs } from './operations/subgraphs/listSubgraphs.ts';
import { listSubgraphVersions } from './operations/subgraphs/listSubgraphVersions.ts';
import { publishChangeSet } from './operations/subgraphs/publishChangeSet.ts';
import { publishSubgraph } from './operations/subgraphs/publishSubgraph.ts';
import { retireSubgraph } from './operations/subgraphs/retireSubgraph.ts';
import { updateFieldMetadata } from './operations/subgraphs/updateFieldMetadata.ts';
import { getFieldUsage } from './operations/usage/getFieldUsage.ts';

export const routeMap: RouteEntry[] = [
  // session
  { method: 'GET', url: '/v1/me', operation: whoAmI },
  // console sign-in: a cookie session (HttpOnly, SameSite=Strict) with a CSRF token for changes
  { method: 'POST', url: '/v1/session', operation: signIn },
  { method: 'GET', url: '/v1/session', operation: getSession },
  { method: 'DELETE', url: '/v1/session', operation: signOut },
  { method: 'PUT', url: '/v1/session/password', operation: changePassword },

  // inbox: what waits for the caller (registry/notifications/inbox.ts)
  { method: 'GET', url: '/v1/inbox', operation: getInbox },
  { method: 'POST', url: '/v1/inbox/seen', operation: markInboxSeen },

  // administration (administrator only)
  { method: 'POST', url: '/v1/admin/agencies', operation: createAgency },
  { method: 'PATCH', url: '/v1/admin/agencies/:slug', operation: updateAgency },
  { method: 'PUT', url: '/v1/admin/agencies/:slug/routing-hosts', operation: setAgencyRoutingHosts },
  { method: 'POST', url: '/v1/admin/themes', operation: createTheme },
  { method: 'PATCH', url: '/v1/admin/themes/:slug', operation: updateTheme },
  { method: 'POST', url: '/v1/admin/graphs', operation: createGraph },
  { method: 'PATCH', url: '/v1/admin/graphs/:name', operation: updateGraph },
  { method: 'DELETE', url: '/v1/admin/graphs/:name', operation: deleteGraph },
  { method: 'POST', url: '/v1/admin/users', operation: createUser },
  { method: 'GET', url: '/v1/admin/users', operation: listUsers },
  { method: 'POST', url: '/v1/admin/users/:userId/disable', operation: disableUser },
  { method: 'POST', url: '/v1/admin/users/:userId/enable', operation: enableUser },
  { method: 'POST', url: '/v1/admin/users/:userId/password', operation: resetUserPassword },
  { method: 'GET', url: '/v1/admin/tokens', operation: listUserTokens },
  { method: 'POST', url: '/v1/admin/users/:userId/tokens', operation: issueUserToken },
  { method: 'POST', url: '/v1/admin/tokens/:tokenId/revoke', operation: revokeUserToken },
  { method: 'GET', url: '/v1/admin/sessions', operation: listSessions },
  { method: 'DELETE', url: '/v1/admin/sessions/:id', operation: endSession },
  { method: 'GET', url: '/v1/admin/trail', operation: searchTrail },
  { method: 'GET', url: '/v1/admin/notifications', operation: listNotifications },
  { method: 'POST', url: '/v1/admin/notifications/:id/retry', operation: retryNotification },

  // publishing (publisher of the owning agency, or administrator)
  { method: 'POST', url: '/v1/subgraphs/publish', operation: publishSubgraph },
  { method: 'POST', url: '/v1/subgraphs/check', operation: checkSubgraph },
  { method: 'POST', url: '/v1/change-sets', operation: publishChangeSet },
  { method: 'POST', url: '/v1/change-sets/check', operation: checkChangeSet },
  { method: 'POST', url: '/v1/subgraphs/:name/retire', operation: retireSubgraph },

  // cross-agency changes: held publishes that reach other agencies' fields, and the owners' decisions
  { method: 'GET', url: '/v1/cross-agency-changes', operation: listCrossAgencyChanges },
  { method: 'POST', url: '/v1/cross-agency-changes/:id/accept', operation: acceptCrossAgencyChange },
  { method: 'POST', url: '/v1/cross-agency-changes/:id/decline', operation: declineCrossAgencyChange },

  // metadata repository
  { method: 'GET', url: '/v1/subgraphs', operation: listSubgraphs },
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

  // access workflow (Perbup Pacitan 138/2023 Pasal 5; Perwali Baubau 32/2024 Pasal 7): requesters
  // register clients and ask for fields, administrators approve or reject, each agency's publisher
  // grants or declines its own part, grants are revoked, requesters take API keys for the gateway
  { method: 'POST', url: '/v1/clients', operation: registerClient },
  { method: 'GET', url: '/v1/clients', operation: listClients },
  { method: 'GET', url: '/v1/clients/:id', operation: getClient },
  { method: 'POST', url: '/v1/access-requests', operation: submitAccessRequest },
  { method: 'GET', url: '/v1/access-requests', operation: listAccessRequests },
  { method: 'GET', url: '/v1/access-requests/:id', operation: getAccessRequest },
  { method: 'POST', url: '/v1/access-requests/:id/approve', operation: approveAccessRequest },
  { method: 'POST', url: '/v1/access-requests/:id/reject', operation: rejectAccessRequest },
  { method: 'POST', url: '/v1/access-requests/:id/grant', operation: grantAccess },
  { method: 'POST', url: '/v1/access-requests/:id/decline', operation: declineAccess },
  { method: 'GET', url: '/v1/grants', operation: listGrants },
  { method: 'POST', url: '/v1/grants/:id/revoke', operation: revokeGrant },
  { method: 'POST', url: '/v1/clients/:id/credentials', operation: issueCredential },
  { method: 'GET', url: '/v1/clients/:id/credentials', operation: listCredentials },
  { method: 'POST', url: '/v1/clients/:id/credentials/:credentialId/revoke', operation: revokeCredential },

  // the console explorer's same-origin path to the gateway (the requester's API key in a header)
  { method: 'POST', url: '/v1/explorer/graphql', operation: forwardExplorerQuery },
  { method: 'POST', url: '/v1/explorer/graphql/:graph', operation: forwardExplorerGraphQuery },

  // monitoring and evaluation through the access log (evaluator or administrator); every route needs
  // `from` and `to` (at most 366 days apart) and refuses unknown query keys
  { method: 'GET', url: '/v1/log/records', operation: searchLogRecords },
  { method: 'GET', url: '/v1/log/stats', operation: getLogStats },
  { method: 'GET', url: '/v1/log/signals', operation: getMisuseSignals },
  { method: 'GET', url: '/v1/log/export.csv', operation: exportLogCsv },
  { method: 'GET', url: '/v1/log/report', operation: getEvaluationReport },
  { method: 'GET', url: '/v1/log/verification', operation: getLogVerification },
  // who uses an agency's fields (its publisher sees its own; administrators and evaluators name it)
  { method: 'GET', url: '/v1/field-usage', operation: getFieldUsage },
];

/** A set of routes registered on the registry app with the registry's dependencies. */
export type RouteModule = (app: FastifyInstance, deps: RegistryDeps) => void | Promise<void>;

export async function registerRoutes(
  app: FastifyInstance,
  deps: RegistryDeps,
  modules: readonly RouteModule[] = [],
): Promise<void> {
  for (const entry of routeMap) registerOperation(app, deps, entry);
  for (const module of modules) await module(app, deps);
}
