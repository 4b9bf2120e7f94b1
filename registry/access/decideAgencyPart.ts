import { fail, ok } from '../../lib/errors.ts';
import type { Result } from '../../lib/errors.ts';
import { conditionSetsFor, type AttachedConditions } from '../../lib/grantConditions/conditions.ts';
import { checkAttachedConditions, requestSchema } from './grantConditions.ts';
import type { AccessRequest, AccessRequestItem, GrantDecisionKind } from '../../drizzle/schema/index.ts';
import type { Actor } from '../http/actor.ts';
import { recordTrail } from '../trail/recordTrail.ts';
import { enqueueAccessRequestEvent } from '../notifications/events.ts';
import { AccessRequestRepository } from '../repositories/AccessRequestRepository.ts';
import type { AccessRequestView } from '../repositories/AccessRequestRepository.ts';
import { ClientRepository } from '../repositories/ClientRepository.ts';
import { GrantRepository } from '../repositories/GrantRepository.ts';
import { scopeOf } from './scope.ts';
import { ACCESS_REQUEST, notFound, notifyGrantsChanged, requireReason } from './support.ts';
import type { AccessDeps } from './support.ts';

export interface AgencyPartInput {
  requestId: string;
  decision: GrantDecisionKind;
  reason: string;
  /** Grant only: the subset of the agency's items to grant (default all); the rest is declined. */
  coordinates?: readonly string[] | undefined;
  /** Grant only: defaults to the request's period, and must lie within it. */
  startsAt?: Date | undefined;
  endsAt?: Date | undefined;
  /** Grant only: the publisher's conditions on its fields, on top of the approval's. */
  conditions?: AttachedConditions | undefined;
}

/**
 * A publisher's one decision on its own agency's part of an approved request (Pacitan Pasal 5c,
 * Baubau Pasal 7c): grant some or all of its items, declining the rest, or decline them all. Other
 * agencies' items are not its to touch. Access exists only for items both approved and granted: one
 * `grants` row per granted item, written with a bump of the client's `grantsVersion` in the same
 * transaction, and announced on `penghubung_grants` after commit. Used by `grantAccess.ts` and
 * `declineAccess.ts`.
 */
export async function decideAgencyPart(
  deps: AccessDeps,
  actor: Actor,
  input: AgencyPartInput,
): Promise<Result<AccessRequestView>> {
  const missingReason = requireReason<AccessRequestView>(input.reason);
  if (missingReason) return missingReason;
  const agencyId = actor.agencyId;
  if (agencyId === null) {
    return fail('FORBIDDEN', {
      id: 'Akun penerbit Anda tidak terdaftar pada perangkat daerah mana pun.',
      en: 'Your publisher account does not belong to any agency.',
    });
  }
  const scope = scopeOf(actor);
  const reason = input.reason.trim();

  const outcome = await deps.database.db.transaction(
    async (tx): Promise<Result<{ view: AccessRequestView; clientId: string; changed: boolean }>> => {
      const requests = new AccessRequestRepository(tx, scope);
      const request = await requests.lock(input.requestId);
      if (!request) return notFound(ACCESS_REQUEST, input.requestId);
      const items = await requests.items(request.id);
      const own = items.filter((item) => item.agencyId === agencyId);
      if (own.length === 0) {
        return fail('FORBIDDEN', {
          id: `Permohonan akses ${request.id} tidak menyangkut field perangkat daerah Anda.`,
          en: `Access request ${request.id} does not touch your agency's fields.`,
        });
      }
      if (request.status !== 'approved') {
        return fail(
          'CONFLICT',
          request.status === 'pending'
            ? {
                id: `Permohonan akses ${request.id} belum disetujui administrator; akses hanya dapat diberikan setelah disetujui.`,
                en: `Access request ${request.id} has not been approved by an administrator; access can only be granted after approval.`,
              }
            : {
                id: `Permohonan akses ${request.id} telah ditolak administrator; akses tidak dapat diberikan.`,
                en: `Access request ${request.id} was rejected by an administrator; access cannot be granted.`,
              },
          { status: request.status },
        );
      }
      const previous = await requests.findGrantDecision(request.id, agencyId);
      if (previous) {
        return fail(
          'CONFLICT',
          {
            id: `Perangkat daerah Anda sudah memutuskan bagiannya atas permohonan ${request.id} (${previous.decision === 'granted' ? 'diberikan' : 'ditolak'}).`,
            en: `Your agency has already decided its part of request ${request.id} (${previous.decision}).`,
          },
          { decision: previous.decision },
        );
      }

      const selection =
        input.decision === 'granted'
          ? selectItems(own, items, input.coordinates)
          : ok({ granted: [], declined: own });
      if (!selection.ok) return selection;
      const { granted, declined } = selection.value;
      const window = input.decision === 'granted' ? grantWindow(request, input, deps.now()) : ok(null);
      if (!window.ok) return window;
      let ownConditions: AttachedConditions | null = null;
      if (input.conditions !== undefined) {
        if (input.decision !== 'granted') {
          return fail('BAD_REQUEST', {
            id: 'Syarat akses hanya dapat diberikan bersama pemberian akses.',
            en: 'Access conditions can only be attached to a grant.',
          });
        }
        const checked = checkAttachedConditions(
          input.conditions,
          await requestSchema(tx, request.graphId),
          granted.map((item) => item.coordinate),
        );
        if (!checked.ok) return checked;
        ownConditions = checked.value;
      }
      const approvalConditions = await requests.approvalConditions(request.id);

      const decision = await requests.insertGrantDecision({
        requestId: request.id,
        agencyId,
        decision: input.decision,
        reason,
        actorId: actor.userId,
      });
      await requests.setItemStatus(
        granted.map((item) => item.id),
        'granted',
      );
      await requests.setItemStatus(
        declined.map((item) => item.id),
        'declined',
      );
      const rows =
        window.value === null
          ? []
          : await new GrantRepository(tx, scope).insertMany(
              granted.map((item) => ({
                requestId: request.id,
                itemId: item.id,
                clientId: request.clientId,
                graphId: request.graphId,
                agencyId,
                coordinate: item.coordinate,
                startsAt: window.value.startsAt,
                endsAt: window.value.endsAt,
                quotaPerDay: request.quotaPerDay,
                conditions: [
                  ...conditionSetsFor(approvalConditions, item.coordinate),
                  ...conditionSetsFor(ownConditions, item.coordinate),
                ],
                grantedBy: actor.userId,
              })),
            );
      const grantsVersion =
        rows.length > 0 ? await new ClientRepository(tx, scope).bumpGrantsVersion(request.clientId) : null;
      await recordTrail(tx, {
        actor,
        action: input.decision === 'granted' ? 'grant.granted' : 'grant.declined',
        subjectType: 'access_request',
        subjectId: request.id,
        agencyId,
        reason,
        before: { items: own.map((item) => ({ coordinate: item.coordinate, status: item.status })) },
        after: {
          decisionId: decision.id,
          decision: decision.decision,
          granted: rows.map((row) => ({ grantId: row.id, coordinate: row.coordinate })),
          declined: declined.map((item) => item.coordinate),
          window: window.value,
          ...(ownConditions ? { conditions: ownConditions } : {}),
          clientId: request.clientId,
          grantsVersion,
        },
      });
      await enqueueAccessRequestEvent(tx, {
        event: input.decision === 'granted' ? 'access_request.granted' : 'access_request.declined',
        requestId: request.id,
        at: decision.createdAt,
        reason,
        agencyId,
      });
      const view = await requests.view(request.id, deps.now());
      if (!view) throw new Error('decided access request not visible to the publisher');
      return ok({ view, clientId: request.clientId, changed: rows.length > 0 });
    },
  );
  if (!outcome.ok) return outcome;
  if (outcome.value.changed) await notifyGrantsChanged(deps, outcome.value.clientId);
  return ok(outcome.value.view);
}

function selectItems(
  own: readonly AccessRequestItem[],
  all: readonly AccessRequestItem[],
  coordinates: readonly string[] | undefined,
): Result<{ granted: AccessRequestItem[]; declined: AccessRequestItem[] }> {
  if (coordinates === undefined) return ok({ granted: [...own], declined: [] });
  const wanted = [...new Set(coordinates.map((coordinate) => coordinate.trim()))];
  if (wanted.length === 0) {
    return fail('BAD_REQUEST', {
      id: 'Sebutkan sedikitnya satu field yang diberikan, atau tolak bagian Anda.',
      en: 'Name at least one field to grant, or decline your part.',
    });
  }
  const ownCoordinates = new Set(own.map((item) => item.coordinate));
  const requested = new Set(all.map((item) => item.coordinate));
  const foreign = wanted.filter((coordinate) => !ownCoordinates.has(coordinate) && requested.has(coordinate));
  if (foreign.length > 0) {
    return fail(
      'FORBIDDEN',
      {
        id: `Field berikut milik perangkat daerah lain; hanya pemiliknya yang dapat memberikannya: ${foreign.join(', ')}.`,
        en: `These fields belong to another agency; only their owner can grant them: ${foreign.join(', ')}.`,
      },
      { coordinates: foreign },
    );
  }
  const absent = wanted.filter((coordinate) => !requested.has(coordinate));
  if (absent.length > 0) {
    return fail(
      'BAD_REQUEST',
      {
        id: `Field berikut tidak dimohon dalam permohonan ini: ${absent.join(', ')}.`,
        en: `These fields are not part of this request: ${absent.join(', ')}.`,
      },
      { coordinates: absent },
    );
  }
  const chosen = new Set(wanted);
  return ok({
    granted: own.filter((item) => chosen.has(item.coordinate)),
    declined: own.filter((item) => !chosen.has(item.coordinate)),
  });
}

function grantWindow(
  request: AccessRequest,
  input: AgencyPartInput,
  now: Date,
): Result<{ startsAt: Date; endsAt: Date }> {
  const startsAt = input.startsAt ?? request.periodStart;
  const endsAt = input.endsAt ?? request.periodEnd;
  if (
    startsAt.getTime() < request.periodStart.getTime() ||
    endsAt.getTime() > request.periodEnd.getTime() ||
    endsAt.getTime() <= startsAt.getTime()
  ) {
    return fail(
      'BAD_REQUEST',
      {
        id: `Masa berlaku akses harus berada dalam periode permohonan (${request.periodStart.toISOString()} – ${request.periodEnd.toISOString()}) dan berakhir sesudah dimulai.`,
        en: `The grant must lie within the request period (${request.periodStart.toISOString()} – ${request.periodEnd.toISOString()}) and end after it starts.`,
      },
      { periodStart: request.periodStart, periodEnd: request.periodEnd },
    );
  }
  if (endsAt.getTime() <= now.getTime()) {
    return fail('BAD_REQUEST', {
      id: 'Masa berlaku akses yang diminta sudah berakhir.',
      en: 'The requested grant window has already ended.',
    });
  }
  return ok({ startsAt, endsAt });
}
