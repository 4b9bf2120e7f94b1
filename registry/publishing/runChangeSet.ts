/**
 * A change set inside the caller's transaction (compositions locked): every member prepared, the set
 * evaluated as one change, and then all of it stored, all of it refused, or all of it held as one
 * pending cross-agency change. A refusal names the subgraph (or the graph and the subgraphs in it)
 * that failed; nothing is written before every check has passed.
 */
import { randomUUID } from 'node:crypto';
import type { Executor } from '../../drizzle/database.ts';
import { ErrorCode, fail, ok, PenghubungError } from '../../lib/errors.ts';
import type { Result } from '../../lib/errors.ts';
import type { RegistryDeps } from '../deps.ts';
import type { Actor } from '../http/actor.ts';
import { recordTrail } from '../trail/recordTrail.ts';
import { evaluateChangeSet } from './evaluateChangeSet.ts';
import type { FailedGraph } from './evaluateChangeSet.ts';
import { preparePublish, sha256, validatePublishInput } from './preparePublish.ts';
import type { PreparedPublish } from './preparePublish.ts';
import type { ChangeSetInput, PublishInput } from './publishInput.ts';
import type { PublishReport } from './report.ts';
import { holdCrossAgencyChange, reachKey } from './runPublish.ts';
import type { RunPublishOptions } from './runPublish.ts';
import { recordPublishTrail, storeSubgraphVersion, storeSupergraphs } from './storePublish.ts';

/** One member of a change set as it was sent, with its routing URL already validated. */
export interface ChangeSetEntry {
  input: PublishInput;
  routingUrl: string;
}

export interface ChangeSetMemberResult {
  subgraph: string;
  version: number;
  sdlHash: string;
  unchanged: boolean;
}

export type ChangeSetOutcome =
  | { kind: 'unchanged'; subgraphs: ChangeSetMemberResult[] }
  | {
      kind: 'published';
      changeSetId: string;
      subgraphs: ChangeSetMemberResult[];
      supergraphs: { graph: string; version: number }[];
      reports: PublishReport[];
    }
  | { kind: 'pending'; changeId: string; owners: string[]; reports: PublishReport[] };

/** What a held change set keeps as its request, applied again when the owners consent. */
export interface HeldChangeSet {
  changeSet: PublishInput[];
}

export function isHeldChangeSet(request: unknown): request is HeldChangeSet {
  return typeof request === 'object' && request !== null && Array.isArray((request as HeldChangeSet).changeSet);
}

/** A refusal of one member, its message and details naming that subgraph. */
export function memberRefusal(name: string, error: PenghubungError): PenghubungError {
  return new PenghubungError(
    error.code,
    { id: `Subgraph '${name}' dalam set perubahan: ${error.message}`, en: `Subgraph '${name}' of the change set: ${error.messageEn}` },
    { subgraph: name, ...(typeof error.details === 'object' && error.details !== null ? error.details : {}) },
  );
}

/**
 * The gates of a change set that need no database: distinct names, then each member's override
 * right, SDL and routing URL (a refusal names the member). Shared by publish and check.
 */
export async function validateChangeSet(
  deps: RegistryDeps,
  actor: Actor,
  body: ChangeSetInput,
): Promise<Result<ChangeSetEntry[]>> {
  const names = body.subgraphs.map((entry) => entry.name);
  const duplicates = [...new Set(names.filter((name, index) => names.indexOf(name) !== index))];
  if (duplicates.length > 0) {
    return fail(
      ErrorCode.VALIDATION_FAILED,
      {
        id: `Nama subgraph disebut lebih dari sekali dalam set perubahan: ${duplicates.join(', ')}.`,
        en: `Subgraph name(s) given more than once in the change set: ${duplicates.join(', ')}.`,
      },
      { field: 'subgraphs', duplicates },
    );
  }
  const entries: ChangeSetEntry[] = [];
  for (const entry of body.subgraphs) {
    const input: PublishInput = {
      ...entry,
      ...(body.overrideReason === undefined ? {} : { overrideReason: body.overrideReason }),
    };
    const valid = await validatePublishInput(deps, actor, input, {
      ...(deps.publishing.routingUrl ? { routingUrl: deps.publishing.routingUrl } : {}),
    });
    if (!valid.ok) return { ok: false, error: memberRefusal(input.name, valid.error) };
    entries.push({ input, routingUrl: valid.value.routingUrl });
  }
  return ok(entries);
}

/** Every member prepared (agency, theme, name, routing host); the first refusal names its member. */
export async function prepareChangeSet(
  db: Executor,
  actor: Actor,
  entries: readonly ChangeSetEntry[],
): Promise<Result<PreparedPublish[]>> {
  const prepared: PreparedPublish[] = [];
  for (const entry of entries) {
    const result = await preparePublish(db, actor, entry.input, entry.routingUrl);
    if (!result.ok) return { ok: false, error: memberRefusal(entry.input.name, othersSubgraph(actor, result.error)) };
    prepared.push(result.value);
  }
  return ok(prepared);
}

export async function runChangeSet(
  tx: Executor,
  deps: RegistryDeps,
  actor: Actor,
  entries: readonly ChangeSetEntry[],
  options: RunPublishOptions = {},
): Promise<Result<ChangeSetOutcome>> {
  const ready = await prepareChangeSet(tx, actor, entries);
  if (!ready.ok) return ready;
  const prepared = ready.value;

  const evaluation = await evaluateChangeSet(tx, deps, prepared);
  const reports = evaluation.members.map((member) => member.report);
  if (evaluation.members.every((member) => member.unchanged)) {
    return ok({
      kind: 'unchanged',
      subgraphs: evaluation.members.map(({ prepared: item }) => ({
        subgraph: item.input.name,
        version: item.previous?.version ?? 0,
        sdlHash: item.sdlHash,
        unchanged: true,
      })),
    });
  }

  const overrideReason = entries[0]?.input.overrideReason;
  if (evaluation.failedGraphs.length > 0) {
    const named = describeFailures(evaluation.failedGraphs);
    return fail(
      ErrorCode.COMPOSITION_FAILED,
      {
        id: `Set perubahan ditolak, tidak ada yang disimpan: komposisi gagal pada ${named.id}.${overrideReason ? ' Kegagalan komposisi tidak dapat dikecualikan.' : ''}`,
        en: `Change set refused, nothing stored: composition failed for ${named.en}.${overrideReason ? ' A composition failure cannot be overridden.' : ''}`,
      },
      { failedGraphs: evaluation.failedGraphs, reports },
    );
  }
  if (evaluation.checksFailed) {
    const failing = evaluation.members.filter((member) => member.checksFailed);
    if (overrideReason === undefined) {
      const names = failing.map((member) => member.prepared.input.name).join(', ');
      return fail(
        ErrorCode.CHECK_FAILED,
        {
          id: `Set perubahan ditolak, tidak ada yang disimpan: pemeriksaan gagal pada subgraph ${names} (${failing.map((member) => member.report.summary.id).join(' ')}) Administrator dapat menerimanya dengan alasan (overrideReason).`,
          en: `Change set refused, nothing stored: checks failed for subgraph(s) ${names} (${failing.map((member) => member.report.summary.en).join(' ')}) An administrator can accept it with a reason (overrideReason).`,
        },
        { subgraphs: failing.map((member) => member.prepared.input.name), reports },
      );
    }
    for (const member of failing) member.report.override = { reason: overrideReason, actor: actor.name };
  }

  const unconsented = evaluation.crossAgency.filter((reach) => !options.consented?.has(reachKey(reach)));
  if (unconsented.length > 0) {
    // Held as one change: no member is stored until every owning agency accepts.
    const first = prepared[0]!;
    const names = prepared.map((item) => item.input.name);
    const request: HeldChangeSet = { changeSet: entries.map((entry) => entry.input) };
    const held = await holdCrossAgencyChange(tx, actor, {
      subgraphName: names.join(', '),
      agencyId: first.agency.id,
      request,
      routingUrl: first.routingUrl,
      sdlHash: sha256(prepared.map((item) => item.sdlHash).join('\n')),
      reaches: unconsented,
      trail: { changeSet: names },
    });
    return ok({ kind: 'pending', ...held, reports });
  }

  const changeSetId = randomUUID();
  const names = prepared.map((item) => item.input.name);
  const versionIds = new Map<string, string>();
  const stored: { member: (typeof evaluation.members)[number]; stored: Awaited<ReturnType<typeof storeSubgraphVersion>> }[] = [];
  for (const member of evaluation.members) {
    const item = member.prepared;
    if (member.unchanged && item.previous) {
      versionIds.set(item.input.name, item.previous.id);
      continue;
    }
    const result = await storeSubgraphVersion(tx, actor, item, member.report);
    versionIds.set(item.input.name, result.version.id);
    stored.push({ member, stored: result });
  }
  const supergraphs = await storeSupergraphs(
    tx,
    evaluation.graphs.map((entry) => ({
      graph: entry.graph,
      outcome: entry.outcome,
      schemaVersionIds: [
        ...entry.storedVersionIds,
        ...entry.setMembers.flatMap((name) => versionIds.get(name) ?? []),
      ],
    })),
  );
  for (const { member, stored: result } of stored) {
    await recordPublishTrail(tx, actor, member.prepared, member.report, { ...result, supergraphs }, {
      id: changeSetId,
      subgraphs: names,
    });
  }
  await recordTrail(tx, {
    actor,
    action: 'change_set.published',
    subjectType: 'change_set',
    subjectId: changeSetId,
    agencyId: prepared.every((item) => item.agency.id === prepared[0]!.agency.id) ? prepared[0]!.agency.id : null,
    reason: overrideReason ?? '',
    after: {
      subgraphs: stored.map(({ stored: result }) => ({ name: result.subgraph.name, version: result.version.version, sdlHash: result.version.sdlHash })),
      unchanged: evaluation.members.filter((member) => member.unchanged).map((member) => member.prepared.input.name),
      supergraphs,
    },
  });

  return ok({
    kind: 'published',
    changeSetId,
    subgraphs: evaluation.members.map((member) => {
      const result = stored.find((entry) => entry.member === member)?.stored;
      return {
        subgraph: member.prepared.input.name,
        version: result?.version.version ?? member.prepared.previous?.version ?? 0,
        sdlHash: member.prepared.sdlHash,
        unchanged: result === undefined,
      };
    }),
    supergraphs,
    reports,
  });
}

/**
 * A publisher naming a subgraph another agency owns is including that agency's subgraph in its set:
 * a missing right (403), not a name clash as for an administrator choosing a new subgraph's name.
 */
function othersSubgraph(actor: Actor, error: PenghubungError): PenghubungError {
  const owner = (error.details as { owner?: string } | undefined)?.owner;
  if (actor.role !== 'publisher' || error.code !== ErrorCode.CONFLICT || owner === undefined) return error;
  return new PenghubungError(
    ErrorCode.FORBIDDEN,
    {
      id: `subgraph ini milik PD ${owner}; publisher hanya dapat memasukkan subgraph PD-nya sendiri.`,
      en: `this subgraph belongs to agency ${owner}; a publisher can only include its own agency's subgraphs.`,
    },
    error.details,
  );
}

function describeFailures(failed: readonly FailedGraph[]): { id: string; en: string } {
  const parts = failed.map((entry) => ({
    id: `graf ${entry.graph} (subgraph ${entry.subgraphs.join(', ')}${entry.errors[0] ? `: ${entry.errors[0].message}` : ''})`,
    en: `graph ${entry.graph} (subgraph(s) ${entry.subgraphs.join(', ')}${entry.errors[0] ? `: ${entry.errors[0].message}` : ''})`,
  }));
  return { id: parts.map((part) => part.id).join('; '), en: parts.map((part) => part.en).join('; ') };
}
