/**
 * POST /v1/subgraphs/publish — a publisher (own agency) or an administrator (naming the agency)
 * publishes a subgraph schema. Everything is checked before anything is stored; a refusal returns the
 * check report (422) and stores nothing. An accepted publish stores, in one transaction, the version,
 * the field metadata, the new supergraphs and the trail entry, then announces the supergraphs. A
 * publish that reaches other agencies' fields is held (202) as a pending cross-agency change.
 */
import { z } from 'zod';
import { ErrorCode, isPenghubungError } from '../../../lib/errors.ts';
import type { PenghubungError } from '../../../lib/errors.ts';
import type { RegistryDeps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import { AgencyRepository } from '../../repositories/AgencyRepository.ts';
import { recordTrail } from '../../trail/recordTrail.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { validatePublishInput } from '../../publishing/preparePublish.ts';
import { publishBody } from '../../publishing/publishInput.ts';
import { runPublish } from '../../publishing/runPublish.ts';
import { announce } from '../../publishing/announce.ts';
import { publishFailures, recordCompositionFailures } from '../../publishing/compositionFailures.ts';
import { publishReportSchema } from '../../publishing/report.ts';
import type { PublishReport } from '../../publishing/report.ts';
import { SupergraphRepository } from '../../repositories/SupergraphRepository.ts';

const supergraphVersion = z.object({ graph: z.string(), version: z.number().int() });

const published = z
  .object({
    unchanged: z.literal(false),
    subgraph: z.string(),
    version: z.number().int(),
    sdlHash: z.string(),
    supergraphs: z.array(supergraphVersion),
    report: publishReportSchema,
  })
  .meta({ id: 'PublishResult' });

const unchanged = z
  .object({
    unchanged: z.literal(true),
    subgraph: z.string(),
    version: z.number().int(),
    sdlHash: z.string(),
  })
  .meta({ id: 'PublishUnchanged' });

const pending = z
  .object({
    pending: z.literal(true),
    subgraph: z.string(),
    changeId: z.string(),
    owners: z.array(z.string()),
    message: z.object({ id: z.string(), en: z.string() }),
    report: publishReportSchema,
  })
  .meta({ id: 'PublishPending' });

export const publishSubgraph = defineOperation({
  summary: 'Menerbitkan skema subgraph (publish a subgraph schema)',
  description:
    'Memvalidasi SDL dan URL, mengomposisi setiap graf tempat subgraph berada, memeriksa perubahan yang memutus ' +
    'kompatibilitas dan field yang dilindungi, lalu menyimpan versi baru dan supergraph-nya dalam satu transaksi. ' +
    'Penolakan (422) membawa laporan pemeriksaan di `details.report`.',
  tags: ['subgraph'],
  roles: ['publisher', 'administrator'],
  errors: [403, 409, 413, 422],
  bodyLimit: (deps) => deps.config.maxSchemaBytes * 2 + 65_536,
  schema: { body: publishBody, response: { 200: unchanged, 201: published, 202: pending } },
  async handle(deps, { body, actor }) {
    const valid = await validatePublishInput(deps, actor, body, {
      ...(deps.publishing.routingUrl ? { routingUrl: deps.publishing.routingUrl } : {}),
    });
    if (!valid.ok) {
      if (valid.error.code === ErrorCode.SCHEMA_LIMIT_EXCEEDED) await recordLimitRefusal(deps, actor, body, valid.error);
      return valid;
    }

    let outcome: Awaited<ReturnType<typeof runPublish>>;
    try {
      outcome = await deps.database.db.transaction(async (tx) => {
        await new SupergraphRepository(tx).lockCompositions();
        return runPublish(tx, deps, actor, body, valid.value.routingUrl);
      });
    } catch (error) {
      // The transaction is rolled back: nothing of this publish is stored, only its refusal.
      if (isCompositionRefusal(error)) await recordLimitRefusal(deps, actor, body, error);
      throw error;
    }
    if (!outcome.ok) {
      if (outcome.error.code === ErrorCode.ROUTING_URL_NOT_ALLOWED) await recordRefusal(deps, actor, body.name, outcome.error);
      if (outcome.error.code === ErrorCode.COMPOSITION_FAILED) {
        await recordCompositionFailures(deps, actor, publishFailures(body, (outcome.error.details as { report: PublishReport }).report));
      }
      return outcome;
    }

    const value = outcome.value;
    if (value.kind === 'pending') {
      return reply(202, {
        pending: true as const,
        subgraph: body.name,
        changeId: value.changeId,
        owners: value.owners,
        message: {
          id: `Perubahan ini menyentuh field milik PD lain (${value.owners.join(', ')}) dan menunggu persetujuan mereka (nomor ${value.changeId}). Belum ada yang diterbitkan.`,
          en: `This change reaches fields owned by other agencies (${value.owners.join(', ')}) and awaits their consent (id ${value.changeId}). Nothing was published yet.`,
        },
        report: value.report,
      });
    }
    if (value.kind === 'unchanged') {
      return reply(200, {
        unchanged: true,
        subgraph: body.name,
        version: value.version,
        sdlHash: value.sdlHash,
      });
    }
    await announce(deps, value.supergraphs);
    return reply(201, {
      unchanged: false,
      subgraph: body.name,
      version: value.version,
      sdlHash: value.sdlHash,
      supergraphs: value.supergraphs,
      report: value.report,
    });
  },
});

/**
 * A publish pointing outside the agency's allowed hosts is refused and the refusal recorded: a person
 * tried to send the bus (and its signed tokens) somewhere the administrator did not approve.
 */
export async function recordRefusal(deps: RegistryDeps, actor: Actor, subgraph: string, error: PenghubungError): Promise<void> {
  const details = error.details as { routingUrl: string; allowed: string[]; agency: string };
  await deps.database.db.transaction(async (tx) => {
    const agency = await new AgencyRepository(tx).findBySlug(details.agency);
    await recordTrail(tx, {
      actor,
      action: 'subgraph.publish_refused',
      subjectType: 'subgraph',
      subjectId: subgraph,
      agencyId: agency?.id ?? null,
      reason: error.message,
      after: { code: error.code, routingUrl: details.routingUrl, allowed: details.allowed },
    });
  });
}

/**
 * A composition stopped at its time budget, or one whose worker died (out of memory), is refused;
 * not a full queue or a stopping registry, which say nothing about the schema.
 */
export function isCompositionRefusal(error: unknown): error is PenghubungError {
  if (!isPenghubungError(error)) return false;
  if (error.code === ErrorCode.COMPOSITION_TIMEOUT) return true;
  return error.code === ErrorCode.COMPOSITION_UNAVAILABLE && (error.details as { reason?: string } | undefined)?.reason === 'crash';
}

/**
 * A schema over the registry's limits is refused before it is validated or composed, and the refusal
 * recorded like other refused publishes: a schema built to stall the registry is worth an
 * administrator's attention. Only the limit and the counts are kept, not the schema itself. A
 * composition over its time budget (or killing its worker) is recorded the same way.
 */
export async function recordLimitRefusal(
  deps: RegistryDeps,
  actor: Actor,
  body: { name: string; agency?: string | undefined },
  error: PenghubungError,
): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    const agencies = new AgencyRepository(tx);
    const agency =
      actor.role === 'publisher'
        ? actor.agencyId
        : body.agency === undefined
          ? null
          : ((await agencies.findBySlug(body.agency))?.id ?? null);
    await recordTrail(tx, {
      actor,
      action: 'subgraph.publish_refused',
      subjectType: 'subgraph',
      subjectId: body.name,
      agencyId: agency,
      reason: error.message,
      after: { code: error.code, ...(error.details as object) },
    });
  });
}
