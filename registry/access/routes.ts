/**
 * The access workflow's route map (Perbup Pacitan 138/2023 Pasal 5; Perwali Baubau 32/2024 Pasal 7):
 * requesters register clients and ask for fields, administrators approve or reject, each agency's
 * publisher grants or declines its own part, grants are revoked, and requesters take API keys for
 * the gateway. Each route checks the caller's role; each operation (`operations/`) checks ownership
 * and returns expected refusals as results.
 *
 *   POST /v1/clients                               requester
 *   GET  /v1/clients                               requester (own), publisher (asked its fields), administrator, evaluator
 *   GET  /v1/clients/:id                           same
 *   POST /v1/access-requests                       requester
 *   GET  /v1/access-requests                       requester (own), publisher (its part), administrator, evaluator
 *   GET  /v1/access-requests/:id                   same
 *   POST /v1/access-requests/:id/approve|reject    administrator
 *   POST /v1/access-requests/:id/grant|decline     publisher (its agency's items)
 *   GET  /v1/grants                                requester (own), publisher (its agency's), administrator, evaluator
 *   POST /v1/grants/:id/revoke                     publisher (its agency's), administrator
 *   POST /v1/clients/:id/credentials               requester (own client, once it holds a grant)
 *   GET  /v1/clients/:id/credentials               requester (own), administrator, evaluator
 *   POST /v1/clients/:id/credentials/:credentialId/revoke   requester (own), administrator
 */
import type { FastifyInstance } from 'fastify';
import { ok } from '../../lib/errors.ts';
import type { RegistryDeps } from '../deps.ts';
import { requireActor } from '../http/actor.ts';
import { defineOperation, registerOperation } from '../http/operation.ts';
import type { RouteEntry } from '../http/operation.ts';
import { approveAccessRequest } from './operations/approveAccessRequest.ts';
import { declineAccess } from './operations/declineAccess.ts';
import { getAccessRequest } from './operations/getAccessRequest.ts';
import { getClient } from './operations/getClient.ts';
import { grantAccess } from './operations/grantAccess.ts';
import { issueCredential } from './operations/issueCredential.ts';
import { listAccessRequests } from './operations/listAccessRequests.ts';
import { listClients } from './operations/listClients.ts';
import { listCredentials } from './operations/listCredentials.ts';
import { listGrants } from './operations/listGrants.ts';
import { registerClient } from './operations/registerClient.ts';
import { rejectAccessRequest } from './operations/rejectAccessRequest.ts';
import { revokeCredential } from './operations/revokeCredential.ts';
import { revokeGrant } from './operations/revokeGrant.ts';
import { submitAccessRequest } from './operations/submitAccessRequest.ts';
import {
  accessRequestView,
  clientView,
  credentialParams,
  credentialView,
  decisionBody,
  approveBody,
  grantBody,
  grantView,
  idParams,
  issueCredentialBody,
  issuedCredentialView,
  listAccessRequestsQuery,
  listGrantsQuery,
  registerClientBody,
  revokeCredentialBody,
  submitAccessRequestBody,
  toJson,
} from './schemas.ts';
import { z } from 'zod';

const TAG = 'akses';
const dateOf = (value: string | undefined): Date | undefined =>
  value === undefined ? undefined : new Date(value);

export const accessOperations = {
  registerClient: defineOperation({
    summary: 'Mendaftarkan aplikasi klien (register a client application)',
    tags: [TAG],
    errors: [403, 404],
    schema: { body: registerClientBody, response: { 201: clientView } },
    async handle(deps, { body, request }) {
      const actor = requireActor(request, 'requester');
      const result = await registerClient(deps, actor, body);
      return result.ok ? ok({ status: 201 as const, body: toJson(result.value) }) : result;
    },
  }),

  listClients: defineOperation({
    summary: 'Daftar aplikasi klien (list client applications)',
    tags: [TAG],
    errors: [403],
    schema: { response: { 200: z.array(clientView) } },
    async handle(deps, { request }) {
      const actor = requireActor(request, 'requester', 'publisher', 'administrator', 'evaluator');
      const result = await listClients(deps, actor);
      return result.ok ? ok({ status: 200 as const, body: toJson(result.value) }) : result;
    },
  }),

  getClient: defineOperation({
    summary: 'Satu aplikasi klien (one client application)',
    tags: [TAG],
    errors: [403, 404],
    schema: { params: idParams, response: { 200: clientView } },
    async handle(deps, { params, request }) {
      const actor = requireActor(request, 'requester', 'publisher', 'administrator', 'evaluator');
      const result = await getClient(deps, actor, params.id);
      return result.ok ? ok({ status: 200 as const, body: toJson(result.value) }) : result;
    },
  }),

  submitAccessRequest: defineOperation({
    summary: 'Mengajukan permohonan akses (submit an access request)',
    description:
      'Setiap koordinat harus ada di skema API graf saat ini, dan dicatat atas nama PD yang melayaninya. ' +
      'Every coordinate must exist in the graph’s current API schema; it is attributed to each agency serving it.',
    tags: [TAG],
    errors: [403, 404, 409, 422],
    schema: { body: submitAccessRequestBody, response: { 201: accessRequestView } },
    async handle(deps, { body, request }) {
      const actor = requireActor(request, 'requester');
      const result = await submitAccessRequest(deps, actor, {
        ...body,
        periodStart: new Date(body.periodStart),
        periodEnd: new Date(body.periodEnd),
      });
      return result.ok ? ok({ status: 201 as const, body: toJson(result.value) }) : result;
    },
  }),

  listAccessRequests: defineOperation({
    summary: 'Daftar permohonan akses (list access requests)',
    description:
      'Pemohon: miliknya; administrator/evaluator: semua (status=pending: antrean administrator); ' +
      'penerbit: permohonan yang menyangkut field PD-nya, hanya bagian PD-nya (awaiting=true: antrean penerbit).',
    tags: [TAG],
    errors: [403],
    schema: { querystring: listAccessRequestsQuery, response: { 200: z.array(accessRequestView) } },
    async handle(deps, { query, request }) {
      const actor = requireActor(request, 'requester', 'publisher', 'administrator', 'evaluator');
      const result = await listAccessRequests(deps, actor, {
        ...(query.status ? { status: query.status } : {}),
        ...(query.clientId ? { clientId: query.clientId } : {}),
        awaitingAgencyDecision: query.awaiting === 'true',
      });
      return result.ok ? ok({ status: 200 as const, body: toJson(result.value) }) : result;
    },
  }),

  getAccessRequest: defineOperation({
    summary: 'Satu permohonan akses dengan keputusan dan alasannya (one access request)',
    tags: [TAG],
    errors: [403, 404],
    schema: { params: idParams, response: { 200: accessRequestView } },
    async handle(deps, { params, request }) {
      const actor = requireActor(request, 'requester', 'publisher', 'administrator', 'evaluator');
      const result = await getAccessRequest(deps, actor, params.id);
      return result.ok ? ok({ status: 200 as const, body: toJson(result.value) }) : result;
    },
  }),

  approveAccessRequest: defineOperation({
    summary: 'Menyetujui permohonan akses (approve an access request)',
    tags: [TAG],
    errors: [403, 404, 409],
    schema: { params: idParams, body: approveBody, response: { 200: accessRequestView } },
    async handle(deps, { params, body, request }) {
      const actor = requireActor(request, 'administrator');
      const result = await approveAccessRequest(deps, actor, {
        requestId: params.id,
        reason: body.reason,
        ...(body.conditions ? { conditions: body.conditions } : {}),
      });
      return result.ok ? ok({ status: 200 as const, body: toJson(result.value) }) : result;
    },
  }),

  rejectAccessRequest: defineOperation({
    summary: 'Menolak permohonan akses (reject an access request; final)',
    tags: [TAG],
    errors: [403, 404, 409],
    schema: { params: idParams, body: decisionBody, response: { 200: accessRequestView } },
    async handle(deps, { params, body, request }) {
      const actor = requireActor(request, 'administrator');
      const result = await rejectAccessRequest(deps, actor, { requestId: params.id, reason: body.reason });
      return result.ok ? ok({ status: 200 as const, body: toJson(result.value) }) : result;
    },
  }),

  grantAccess: defineOperation({
    summary: 'Memberikan akses atas field PD sendiri (grant your agency’s part)',
    description:
      'Hanya untuk permohonan yang disetujui. Field PD Anda yang tidak disebut ikut ditolak. ' +
      'Only for approved requests; your agency’s items left out are declined.',
    tags: [TAG],
    errors: [403, 404, 409],
    schema: { params: idParams, body: grantBody, response: { 200: accessRequestView } },
    async handle(deps, { params, body, request }) {
      const actor = requireActor(request, 'publisher');
      const result = await grantAccess(deps, actor, {
        requestId: params.id,
        reason: body.reason,
        ...(body.coordinates ? { coordinates: body.coordinates } : {}),
        ...(body.startsAt ? { startsAt: new Date(body.startsAt) } : {}),
        ...(body.endsAt ? { endsAt: new Date(body.endsAt) } : {}),
        ...(body.conditions ? { conditions: body.conditions } : {}),
      });
      return result.ok ? ok({ status: 200 as const, body: toJson(result.value) }) : result;
    },
  }),

  declineAccess: defineOperation({
    summary: 'Menolak bagian PD sendiri (decline your agency’s part)',
    tags: [TAG],
    errors: [403, 404, 409],
    schema: { params: idParams, body: decisionBody, response: { 200: accessRequestView } },
    async handle(deps, { params, body, request }) {
      const actor = requireActor(request, 'publisher');
      const result = await declineAccess(deps, actor, { requestId: params.id, reason: body.reason });
      return result.ok ? ok({ status: 200 as const, body: toJson(result.value) }) : result;
    },
  }),

  listGrants: defineOperation({
    summary: 'Daftar pemberian akses (list grants)',
    tags: [TAG],
    errors: [403],
    schema: { querystring: listGrantsQuery, response: { 200: z.array(grantView) } },
    async handle(deps, { query, request }) {
      const actor = requireActor(request, 'requester', 'publisher', 'administrator', 'evaluator');
      const result = await listGrants(deps, actor, {
        ...(query.clientId ? { clientId: query.clientId } : {}),
        ...(query.graph ? { graph: query.graph } : {}),
        currentOnly: query.current === 'true',
      });
      return result.ok ? ok({ status: 200 as const, body: toJson(result.value) }) : result;
    },
  }),

  revokeGrant: defineOperation({
    summary: 'Mencabut pemberian akses (revoke a grant)',
    description: 'Berlaku pada permintaan berikutnya (takes effect on the next request).',
    tags: [TAG],
    errors: [403, 404, 409],
    schema: { params: idParams, body: decisionBody, response: { 200: grantView } },
    async handle(deps, { params, body, request }) {
      const actor = requireActor(request, 'publisher', 'administrator');
      const result = await revokeGrant(deps, actor, { grantId: params.id, reason: body.reason });
      return result.ok ? ok({ status: 200 as const, body: toJson(result.value) }) : result;
    },
  }),

  issueCredential: defineOperation({
    summary: 'Membuat kunci API untuk gateway (issue an API key; shown once)',
    tags: [TAG],
    errors: [403, 404, 409],
    schema: { params: idParams, body: issueCredentialBody, response: { 201: issuedCredentialView } },
    async handle(deps, { params, body, request }) {
      const actor = requireActor(request, 'requester');
      const result = await issueCredential(deps, actor, {
        clientId: params.id,
        label: body.label,
        expiresAt: dateOf(body.expiresAt) ?? null,
      });
      return result.ok ? ok({ status: 201 as const, body: toJson(result.value) }) : result;
    },
  }),

  listCredentials: defineOperation({
    summary: 'Daftar kunci API klien, tanpa rahasia (list API keys, no secrets)',
    tags: [TAG],
    errors: [403, 404],
    schema: { params: idParams, response: { 200: z.array(credentialView) } },
    async handle(deps, { params, request }) {
      const actor = requireActor(request, 'requester', 'administrator', 'evaluator');
      const result = await listCredentials(deps, actor, params.id);
      return result.ok ? ok({ status: 200 as const, body: toJson(result.value) }) : result;
    },
  }),

  revokeCredential: defineOperation({
    summary: 'Mencabut kunci API (revoke an API key)',
    tags: [TAG],
    errors: [403, 404, 409],
    schema: { params: credentialParams, body: revokeCredentialBody, response: { 200: credentialView } },
    async handle(deps, { params, body, request }) {
      const actor = requireActor(request, 'requester', 'administrator');
      const result = await revokeCredential(deps, actor, {
        clientId: params.id,
        credentialId: params.credentialId,
        reason: body.reason,
      });
      return result.ok ? ok({ status: 200 as const, body: toJson(result.value) }) : result;
    },
  }),
};

export const accessRoutes: RouteEntry[] = [
  { method: 'POST', url: '/v1/clients', operation: accessOperations.registerClient },
  { method: 'GET', url: '/v1/clients', operation: accessOperations.listClients },
  { method: 'GET', url: '/v1/clients/:id', operation: accessOperations.getClient },
  { method: 'POST', url: '/v1/access-requests', operation: accessOperations.submitAccessRequest },
  { method: 'GET', url: '/v1/access-requests', operation: accessOperations.listAccessRequests },
  { method: 'GET', url: '/v1/access-requests/:id', operation: accessOperations.getAccessRequest },
  {
    method: 'POST',
    url: '/v1/access-requests/:id/approve',
    operation: accessOperations.approveAccessRequest,
  },
  { method: 'POST', url: '/v1/access-requests/:id/reject', operation: accessOperations.rejectAccessRequest },
  { method: 'POST', url: '/v1/access-requests/:id/grant', operation: accessOperations.grantAccess },
  { method: 'POST', url: '/v1/access-requests/:id/decline', operation: accessOperations.declineAccess },
  { method: 'GET', url: '/v1/grants', operation: accessOperations.listGrants },
  { method: 'POST', url: '/v1/grants/:id/revoke', operation: accessOperations.revokeGrant },
  { method: 'POST', url: '/v1/clients/:id/credentials', operation: accessOperations.issueCredential },
  { method: 'GET', url: '/v1/clients/:id/credentials', operation: accessOperations.listCredentials },
  {
    method: 'POST',
    url: '/v1/clients/:id/credentials/:credentialId/revoke',
    operation: accessOperations.revokeCredential,
  },
];

/** Plugs the access workflow into the registry: called once from `registry/routes.ts`. */
export function registerAccessRoutes(app: FastifyInstance, deps: RegistryDeps): void {
  for (const entry of accessRoutes) registerOperation(app, deps, entry);
}
