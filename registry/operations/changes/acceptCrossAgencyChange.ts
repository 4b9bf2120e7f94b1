/**
 * POST /v1/cross-agency-changes/:id/accept — the publisher of an owning agency accepts a change that
 * reaches its fields; an administrator may accept for every owner, with a reason. Once every owner
 * has accepted, the held publish runs again against the state of this moment (same checks) and is
 * stored in the same transaction; if it no longer passes, or now reaches more than was accepted,
 * nothing is recorded and the change stays pending.
 */
import { z } from 'zod';
import { ErrorCode, fail, ok } from '../../../lib/errors.ts';
import type { Result } from '../../../lib/errors.ts';
import type { Actor } from '../../http/actor.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { announce } from '../../publishing/announce.ts';
import { validatePublishInput } from '../../publishing/preparePublish.ts';
import type { PublishInput } from '../../publishing/publishInput.ts';
import type { CrossAgencyReachReport } from '../../publishing/report.ts';
import { reachKey, runPublish } from '../../publishing/runPublish.ts';
import { isHeldChangeSet, memberRefusal, runChangeSet } from '../../publishing/runChangeSet.ts';
import type { ChangeSetEntry } from '../../publishing/runChangeSet.ts';
import { AgencyRepository } from '../../repositories/AgencyRepository.ts';
import { CrossAgencyChangeRepository } from '../../repositories/CrossAgencyChangeRepository.ts';
import { SupergraphRepository } from '../../repositories/SupergraphRepository.ts';
import { UserRepository } from '../../repositories/UserRepository.ts';
import { recordTrail } from '../../trail/recordTrail.ts';
import { changeNotFound, changeParams, crossAgencyChangeView, notPending, viewOf } from './common.ts';

interface Published {
  version: number;
  supergraphs: { graph: string; version: number }[];
  subgraphs?: { subgraph: string; version: number }[];
}

/** Since it was asked for, the change reaches more than its owners accepted: it must be published again. */
function reachesGrew(report: unknown): Result<never> {
  return fail(ErrorCode.CONFLICT, {
    id: 'Sejak diminta, perubahan ini kini menjangkau field lain milik PD lain; PD peminta perlu menerbitkan ulang.',
    en: 'Since it was asked for, this change now reaches further fields of other agencies; the requesting agency must publish again.',
  }, { report });
}

/** Carries a refusal out of the transaction so that everything it did is rolled back. */
class Undo extends Error {
  constructor(readonly result: Result<never>) {
    super('rolled back');
  }
}

export const acceptCrossAgencyChange = defineOperation({
  summary: 'Menyetujui perubahan lintas PD (accept a cross-agency change)',
  tags: ['subgraph'],
  roles: ['publisher', 'administrator'],
  errors: [403, 404, 409, 422],
  schema: {
    params: changeParams,
    body: z.object({ reason: z.string().trim().max(2000).default('') }).meta({ id: 'AcceptCrossAgencyChange' }),
    response: {
      200: z
        .object({
          change: crossAgencyChangeView,
          published: z
            .object({
              version: z.number().int(),
              supergraphs: z.array(z.object({ graph: z.string(), version: z.number().int() })),
              subgraphs: z
                .array(z.object({ subgraph: z.string(), version: z.number().int() }))
                .optional()
                .describe('Untuk set perubahan: versi setiap subgraph'),
            })
            .nullable(),
        })
        .meta({ id: 'AcceptedCrossAgencyChange' }),
    },
  },
  async handle(deps, { params, body, actor }) {
    if (actor.role === 'administrator' && body.reason.length < 5) {
      return fail(
        ErrorCode.VALIDATION_FAILED,
        {
          id: 'Administrator yang menyetujui atas nama PD pemilik wajib menuliskan alasan (reason).',
          en: 'An administrator accepting on behalf of the owning agency must give a reason.',
        },
        { field: 'reason' },
      );
    }
    let outcome: Result<{ changeId: string; published: Published | null }>;
    try {
      outcome = await deps.database.db.transaction(async (tx) => {
        await new SupergraphRepository(tx).lockCompositions();
        const scope = { agencyId: actor.role === 'administrator' ? null : actor.agencyId };
        const changes = new CrossAgencyChangeRepository(tx, scope);
        const change = await changes.findForDecision(params.id);
        if (!change) return changeNotFound(params.id);
        if (change.status !== 'pending') return notPending(change);
        if (actor.role === 'publisher') {
          if (!actor.agencyId || !change.ownerAgencyIds.includes(actor.agencyId)) {
            return fail(ErrorCode.FORBIDDEN, {
              id: 'Hanya publisher PD pemilik field yang dijangkau (atau administrator) yang dapat menyetujui perubahan ini.',
              en: 'Only a publisher of an agency owning the reached fields (or an administrator) can accept this change.',
            });
          }
          if (change.acceptedAgencyIds.includes(actor.agencyId)) {
            return fail(ErrorCode.CONFLICT, { id: 'PD Anda sudah menyetujui perubahan ini.', en: 'Your agency already accepted this change.' });
          }
          await changes.recordAcceptance(change.id, actor.agencyId);
        }
        await recordTrail(tx, {
          actor,
          action: 'subgraph.cross_agency_accepted',
          subjectType: 'cross_agency_change',
          subjectId: change.id,
          agencyId: actor.agencyId ?? change.agencyId,
          reason: body.reason,
          after: { subgraph: change.subgraphName, sdlHash: change.sdlHash, onBehalfOfAll: actor.role === 'administrator' },
        });
        const accepted = new Set([...change.acceptedAgencyIds, ...(actor.agencyId ? [actor.agencyId] : [])]);
        const everyOwner = actor.role === 'administrator' || change.ownerAgencyIds.every((id) => accepted.has(id));
        if (!everyOwner) return ok({ changeId: change.id, published: null });

        const requester = await requesterOf(tx, change.requestedBy);
        if (!requester) {
          throw new Undo(fail(ErrorCode.CONFLICT, {
            id: 'Akun yang meminta perubahan ini sudah tidak ada; minta PD tersebut menerbitkan ulang.',
            en: 'The account that asked for this change no longer exists; ask that agency to publish again.',
          }));
        }
        const consented = new Set((change.reaches as CrossAgencyReachReport[]).map(reachKey));
        const routingOptions = { ...(deps.publishing.routingUrl ? { routingUrl: deps.publishing.routingUrl } : {}) };
        let published: Published;
        if (isHeldChangeSet(change.request)) {
          const entries: ChangeSetEntry[] = [];
          for (const input of change.request.changeSet) {
            const valid = await validatePublishInput(deps, requester, input, routingOptions);
            if (!valid.ok) throw new Undo({ ok: false, error: memberRefusal(input.name, valid.error) });
            entries.push({ input, routingUrl: valid.value.routingUrl });
          }
          const applied = await runChangeSet(tx, deps, requester, entries, { consented });
          if (!applied.ok) throw new Undo(applied);
          if (applied.value.kind === 'pending') throw new Undo(reachesGrew(applied.value.reports));
          const members = applied.value.subgraphs;
          published = {
            version: members[0]?.version ?? 0,
            supergraphs: applied.value.kind === 'published' ? applied.value.supergraphs : [],
            subgraphs: members.map(({ subgraph, version }) => ({ subgraph, version })),
          };
        } else {
          const input = change.request as PublishInput;
          const valid = await validatePublishInput(deps, requester, input, routingOptions);
          if (!valid.ok) throw new Undo(valid);
          const applied = await runPublish(tx, deps, requester, input, valid.value.routingUrl, { consented });
          if (!applied.ok) throw new Undo(applied);
          if (applied.value.kind === 'pending') throw new Undo(reachesGrew(applied.value.report));
          published = applied.value.kind === 'published'
            ? { version: applied.value.version, supergraphs: applied.value.supergraphs }
            : { version: applied.value.version, supergraphs: [] };
        }
        await changes.decide(change.id, { status: 'accepted', decidedByName: actor.name, reason: body.reason, at: deps.now() });
        return ok({ changeId: change.id, published });
      });
    } catch (error) {
      if (error instanceof Undo) return error.result;
      throw error;
    }
    if (!outcome.ok) return outcome;
    if (outcome.value.published) await announce(deps, outcome.value.published.supergraphs);
    const db = deps.database.db;
    const change = await new CrossAgencyChangeRepository(db).findForDecision(outcome.value.changeId);
    const slugOf = new Map((await new AgencyRepository(db).list()).map((agency) => [agency.id, agency.slug]));
    if (!change) return changeNotFound(outcome.value.changeId);
    return reply(200, { change: viewOf(change, slugOf), published: outcome.value.published });
  },
});

async function requesterOf(tx: Parameters<typeof recordTrail>[0], userId: string | null): Promise<Actor | null> {
  if (!userId) return null;
  const user = await new UserRepository(tx).findById(userId);
  if (!user || user.disabled) return null;
  return { userId: user.id, name: user.name, role: user.role, agencyId: user.agencyId };
}
