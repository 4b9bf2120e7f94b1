/** POST /v1/access-requests — a requester asks for fields of one graph for one of its clients. */
import { fail, ok } from '../../../lib/errors.ts';
import type { Result } from '../../../lib/errors.ts';
import type { Actor } from '../../http/actor.ts';
import { GraphRepository } from '../../repositories/GraphRepository.ts';
import { SupergraphRepository } from '../../repositories/SupergraphRepository.ts';
import { recordTrail } from '../../trail/recordTrail.ts';
import { enqueueAccessRequestEvent } from '../../notifications/events.ts';
import { attributeCoordinates, coordinateModelOf, ownersOf } from '../../access/coordinates.ts';
import { AccessRequestRepository } from '../../repositories/AccessRequestRepository.ts';
import type { AccessRequestView } from '../../repositories/AccessRequestRepository.ts';
import { ClientRepository } from '../../repositories/ClientRepository.ts';
import { FieldOwnerRepository } from '../../repositories/FieldOwnerRepository.ts';
import { scopeOf } from '../../access/scope.ts';
import { ACCESS_TAG, CLIENT, GRAPH, notFound, notYourClient } from '../../access/support.ts';
import type { AccessDeps } from '../../access/support.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { accessRequestView, submitAccessRequestBody, toJson } from '../../access/schemas.ts';

export const submitAccessRequest = defineOperation({
  summary: 'Mengajukan permohonan akses (submit an access request)',
  description:
    'Setiap koordinat harus ada di skema API graf saat ini, dan dicatat atas nama PD yang melayaninya. ' +
    'Every coordinate must exist in the graph’s current API schema; it is attributed to each agency serving it.',
  tags: [ACCESS_TAG],
  roles: ['requester'],
  errors: [403, 404, 409, 422],
  schema: { body: submitAccessRequestBody, response: { 201: accessRequestView } },
  async handle(deps, { body, actor }) {
    const result = await submit(deps, actor, {
      ...body,
      periodStart: new Date(body.periodStart),
      periodEnd: new Date(body.periodEnd),
    });
    return result.ok ? reply(201, toJson(result.value)) : result;
  },
});

export interface SubmitAccessRequestInput {
  clientId: string;
  graph: string;
  coordinates: readonly string[];
  purpose: string;
  legalBasis: string;
  periodStart: Date;
  periodEnd: Date;
  quotaPerDay?: number | null | undefined;
}

/**
 * A requester asks for fields of one graph for one of its clients (Pacitan Pasal 5a, Baubau Pasal
 * 7a). Every entry must name fields of the graph's current schema: `Type.field` (an interface field
 * stands for its implementations' fields), `Type.*` or `*`; the request stores the explicit list they
 * expand to, each coordinate attributed to the agencies owning it (see `coordinates.ts`). Nothing is
 * stored unless the whole request is valid.
 */
async function submit(
  deps: AccessDeps,
  actor: Actor,
  input: SubmitAccessRequestInput,
): Promise<Result<AccessRequestView>> {
  const coordinates = [...new Set(input.coordinates.map((coordinate) => coordinate.trim()))].sort();
  if (coordinates.length === 0) {
    return fail('BAD_REQUEST', {
      id: 'Sebutkan sedikitnya satu field (Tipe.field) yang dimohon.',
      en: 'Name at least one field (Type.field) to request.',
    });
  }
  if (input.periodEnd.getTime() <= input.periodStart.getTime()) {
    return fail('BAD_REQUEST', {
      id: 'Akhir periode harus sesudah awal periode.',
      en: 'The period must end after it starts.',
    });
  }
  if (input.periodEnd.getTime() <= deps.now().getTime()) {
    return fail('BAD_REQUEST', {
      id: 'Periode yang dimohon sudah berakhir.',
      en: 'The requested period has already ended.',
    });
  }
  return store(deps, actor, input, coordinates);
}

async function store(
  deps: AccessDeps,
  actor: Actor,
  input: SubmitAccessRequestInput,
  requested: string[],
): Promise<Result<AccessRequestView>> {
  const scope = scopeOf(actor);
  return deps.database.db.transaction(async (tx) => {
    const clientRepository = new ClientRepository(tx, scope);
    const client = await clientRepository.findAny(input.clientId);
    if (!client) return notFound(CLIENT, input.clientId);
    if (client.requesterId !== actor.userId) return notYourClient(input.clientId);

    const graph = await new GraphRepository(tx).findByName(input.graph);
    if (!graph) return notFound(GRAPH, input.graph);
    const supergraph = await new SupergraphRepository(tx).latestForGraph(graph.id);
    if (!supergraph) {
      return fail('CONFLICT', {
        id: `Graf ${graph.name} belum memiliki skema (belum ada subgraph yang diterbitkan).`,
        en: `Graph ${graph.name} has no schema yet (no subgraph has been published).`,
      });
    }

    const model = coordinateModelOf(supergraph);
    const check = model.expandRequested(requested);
    if (check.malformed.length > 0 || check.unknown.length > 0) {
      const listed = [...check.malformed, ...check.unknown].join(', ');
      return fail(
        'VALIDATION_FAILED',
        {
          id: `Field berikut tidak ada di skema graf ${graph.name}: ${listed}. Tulis sebagai Tipe.field, Tipe.* (semua field tipe itu) atau * (semua field graf).`,
          en: `These fields are not in graph ${graph.name}'s schema: ${listed}. Write them as Type.field, Type.* (every field of the type) or * (every field of the graph).`,
        },
        { malformed: check.malformed, unknown: check.unknown },
      );
    }
    // The stored request holds the explicit list: fields added to the graph later need a new request.
    const coordinates = check.coordinates;
    const members = await new FieldOwnerRepository(tx).membersOf(supergraph.schemaVersionIds);
    const { items, unowned } = attributeCoordinates(coordinates, ownersOf(model, coordinates, members));
    if (unowned.length > 0) {
      return fail(
        'VALIDATION_FAILED',
        {
          id: `Pemilik field berikut tidak tercatat di repositori metadata: ${unowned.join(', ')}.`,
          en: `The metadata repository records no owner for these fields: ${unowned.join(', ')}.`,
        },
        { unowned },
      );
    }

    const requests = new AccessRequestRepository(tx, scope);
    const request = await requests.insert({
      clientId: client.id,
      graphId: graph.id,
      purpose: input.purpose.trim(),
      legalBasis: input.legalBasis.trim(),
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      quotaPerDay: input.quotaPerDay ?? null,
      createdBy: actor.userId,
    });
    const stored = await requests.insertItems(items.map((item) => ({ ...item, requestId: request.id })));
    await recordTrail(tx, {
      actor,
      action: 'access_request.submitted',
      subjectType: 'access_request',
      subjectId: request.id,
      reason: request.purpose,
      before: null,
      after: {
        status: request.status,
        clientId: client.id,
        graph: graph.name,
        supergraphVersion: supergraph.version,
        purpose: request.purpose,
        legalBasis: request.legalBasis,
        periodStart: request.periodStart,
        periodEnd: request.periodEnd,
        quotaPerDay: request.quotaPerDay,
        items: stored.map((item) => ({ id: item.id, coordinate: item.coordinate, agencyId: item.agencyId })),
      },
    });
    await enqueueAccessRequestEvent(tx, { event: 'access_request.submitted', requestId: request.id, at: request.createdAt });
    const view = await requests.view(request.id, deps.now());
    if (!view) throw new Error('submitted access request not visible to its requester');
    return ok(view);
  });
}
