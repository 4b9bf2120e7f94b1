/**
 * One publish inside the caller's transaction (compositions locked): prepare, evaluate, and then
 * either store the version, refuse it, or, when it newly reaches other agencies' fields, hold it as a
 * pending cross-agency change until the owners consent. Shared by the publish route and by the
 * acceptance of a pending change, which runs the held publish again against the state of that moment.
 */
import type { Executor } from '../../drizzle/database.ts';
import { ErrorCode, fail, ok } from '../../lib/errors.ts';
import type { Result } from '../../lib/errors.ts';
import type { RegistryDeps } from '../deps.ts';
import type { Actor } from '../http/actor.ts';
import { AgencyRepository } from '../repositories/AgencyRepository.ts';
import { CrossAgencyChangeRepository } from '../repositories/CrossAgencyChangeRepository.ts';
import { SubgraphRepository } from '../repositories/SubgraphRepository.ts';
import { recordTrail } from '../trail/recordTrail.ts';
import { evaluatePublish } from './evaluatePublish.ts';
import { preparePublish } from './preparePublish.ts';
import type { PublishInput } from './publishInput.ts';
import type { CrossAgencyReachReport, PublishReport } from './report.ts';
import { storePublish, timeoutMsOf } from './storePublish.ts';
import type { StoredPublish } from './storePublish.ts';
import { enqueueCrossAgencyChange } from '../notifications/events.ts';

export type PublishOutcome =
  | { kind: 'unchanged'; version: number; sdlHash: string }
  | ({ kind: 'published'; report: PublishReport } & StoredPublish)
  | { kind: 'pending'; report: PublishReport; changeId: string; owners: string[] };

export interface RunPublishOptions {
  /** Reaches the owners have accepted (`reachKey`): a publish reaching only these is stored. */
  consented?: ReadonlySet<string>;
}

/** Identity of a reach, to compare what was accepted with what a publish reaches now. */
export function reachKey(reach: Pick<CrossAgencyReachReport, 'kind' | 'coordinate' | 'ownerAgency'>): string {
  return `${reach.kind}|${reach.coordinate}|${reach.ownerAgency}`;
}

export async function runPublish(
  tx: Executor,
  deps: RegistryDeps,
  actor: Actor,
  body: PublishInput,
  routingUrl: string,
  options: RunPublishOptions = {},
): Promise<Result<PublishOutcome>> {
  const prepared = await preparePublish(tx, actor, body, routingUrl);
  if (!prepared.ok) return prepared;
  const { existing, previous } = prepared.value;

  if (
    existing &&
    !existing.retiredAt &&
    previous &&
    previous.sdlHash === prepared.value.sdlHash &&
    previous.routingUrl === prepared.value.routingUrl &&
    existing.themeId === prepared.value.theme.id
  ) {
    // Same schema, URL and theme: no new version. A changed description or contact is still kept.
    const patch = {
      ...(body.description !== undefined && body.description !== existing.description
        ? { description: body.description }
        : {}),
      ...(body.contact !== undefined && body.contact !== existing.contact ? { contact: body.contact } : {}),
      ...(body.timeoutSeconds !== undefined && timeoutMsOf(body.timeoutSeconds) !== existing.timeoutMs
        ? { timeoutMs: timeoutMsOf(body.timeoutSeconds) }
        : {}),
    };
    if (Object.keys(patch).length > 0) {
      await new SubgraphRepository(tx, { agencyId: existing.agencyId }).update(existing.id, patch);
      await recordTrail(tx, {
        actor,
        action: 'subgraph.published',
        subjectType: 'subgraph',
        subjectId: existing.id,
        agencyId: existing.agencyId,
        reason: 'deskripsi/kontak/batas waktu diperbarui tanpa perubahan skema',
        before: { description: existing.description, contact: existing.contact, timeoutMs: existing.timeoutMs, version: previous.version },
        after: { ...patch, version: previous.version },
      });
    }
    return ok({ kind: 'unchanged', version: previous.version, sdlHash: previous.sdlHash });
  }

  const evaluation = await evaluatePublish(tx, deps, prepared.value);
  const { report } = evaluation;
  if (evaluation.compositionFailed) {
    return fail(
      ErrorCode.COMPOSITION_FAILED,
      {
        id: `Skema ditolak: ${report.summary.id}${body.overrideReason ? ' Kegagalan komposisi tidak dapat dikecualikan.' : ''}`,
        en: `Schema refused: ${report.summary.en}${body.overrideReason ? ' A composition failure cannot be overridden.' : ''}`,
      },
      { report },
    );
  }
  if (evaluation.checksFailed) {
    if (body.overrideReason === undefined) {
      return fail(
        ErrorCode.CHECK_FAILED,
        {
          id: `Skema ditolak: ${report.summary.id} Administrator dapat menerimanya dengan alasan (overrideReason).`,
          en: `Schema refused: ${report.summary.en} An administrator can accept it with a reason (overrideReason).`,
        },
        { report },
      );
    }
    report.override = { reason: body.overrideReason, actor: actor.name };
  }

  const unconsented = evaluation.crossAgency.filter((reach) => !options.consented?.has(reachKey(reach)));
  if (unconsented.length > 0) {
    // Held, not stored: nothing the gateways serve changes until every owning agency accepts.
    const held = await holdCrossAgencyChange(tx, actor, {
      subgraphName: body.name,
      agencyId: prepared.value.agency.id,
      request: body,
      routingUrl: prepared.value.routingUrl,
      sdlHash: prepared.value.sdlHash,
      reaches: unconsented,
      trail: { subgraph: body.name, sdlHash: prepared.value.sdlHash, routingUrl: prepared.value.routingUrl },
    });
    return ok({ kind: 'pending', report, ...held });
  }

  const stored = await storePublish(tx, actor, prepared.value, evaluation);
  return ok({ kind: 'published', report, ...stored });
}

/**
 * Stores a publish (or change set) as a pending cross-agency change, with its trail entry; `trail`
 * says what was asked for, beside the owners and reaches.
 */
export async function holdCrossAgencyChange(
  tx: Executor,
  actor: Actor,
  change: {
    subgraphName: string;
    agencyId: string;
    request: unknown;
    routingUrl: string;
    sdlHash: string;
    reaches: CrossAgencyReachReport[];
    trail: Record<string, unknown>;
  },
): Promise<{ changeId: string; owners: string[] }> {
  const owners = [...new Set(change.reaches.map((reach) => reach.ownerAgency))];
  const stored = await new CrossAgencyChangeRepository(tx).create({
    subgraphName: change.subgraphName,
    agencyId: change.agencyId,
    requestedBy: actor.userId,
    requestedByName: actor.name,
    request: change.request,
    routingUrl: change.routingUrl,
    sdlHash: change.sdlHash,
    reaches: change.reaches,
    ownerAgencyIds: await ownerAgencyIds(tx, change.reaches),
  });
  await enqueueCrossAgencyChange(tx, stored);
  await recordTrail(tx, {
    actor,
    action: 'subgraph.cross_agency_requested',
    subjectType: 'cross_agency_change',
    subjectId: stored.id,
    agencyId: change.agencyId,
    after: {
      ...change.trail,
      owners,
      reaches: change.reaches.map((reach) => ({ kind: reach.kind, coordinate: reach.coordinate, owner: reach.ownerAgency })),
    },
  });
  return { changeId: stored.id, owners };
}

async function ownerAgencyIds(tx: Executor, reaches: readonly CrossAgencyReachReport[]): Promise<string[]> {
  const agencies = new AgencyRepository(tx);
  const ids: string[] = [];
  for (const slug of new Set(reaches.map((reach) => reach.ownerAgency))) {
    const agency = await agencies.findBySlug(slug);
    if (agency) ids.push(agency.id);
  }
  return ids;
}
