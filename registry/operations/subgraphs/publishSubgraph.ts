/**
 * POST /v1/subgraphs/publish — a publisher (own agency) or an administrator (naming the agency)
 * publishes a subgraph schema. Everything is checked before anything is stored; a refusal returns the
 * check report (422) and stores nothing. An accepted publish stores, in one transaction, the version,
 * the field metadata, the new supergraphs and the trail entry, then announces the supergraphs.
 */
import { z } from 'zod';
import { ErrorCode, fail, ok } from '../../../lib/errors.ts';
import type { Result } from '../../../lib/errors.ts';
import { SUPERGRAPH_CHANNEL } from '../../deps.ts';
import type { RegistryDeps } from '../../deps.ts';
import { requireActor } from '../../http/actor.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { evaluatePublish } from '../../publishing/evaluatePublish.ts';
import { preparePublish, validatePublishInput } from '../../publishing/preparePublish.ts';
import { publishBody } from '../../publishing/publishInput.ts';
import { publishReportSchema } from '../../publishing/report.ts';
import type { PublishReport } from '../../publishing/report.ts';
import { storePublish } from '../../publishing/storePublish.ts';
import type { StoredPublish } from '../../publishing/storePublish.ts';
import { SubgraphRepository } from '../../repositories/SubgraphRepository.ts';
import { SupergraphRepository } from '../../repositories/SupergraphRepository.ts';
import { recordTrail } from '../../trail/recordTrail.ts';

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

type Outcome =
  | { kind: 'unchanged'; version: number; sdlHash: string }
  | ({ kind: 'published'; report: PublishReport } & StoredPublish);

export const publishSubgraph = defineOperation({
  summary: 'Menerbitkan skema subgraph (publish a subgraph schema)',
  description:
    'Memvalidasi SDL dan URL, mengomposisi setiap graf tempat subgraph berada, memeriksa perubahan yang memutus ' +
    'kompatibilitas dan field yang dilindungi, lalu menyimpan versi baru dan supergraph-nya dalam satu transaksi. ' +
    'Penolakan (422) membawa laporan pemeriksaan di `details.report`.',
  tags: ['subgraph'],
  errors: [403, 409, 413, 422],
  bodyLimit: (deps) => deps.config.maxSchemaBytes * 2 + 65_536,
  schema: { body: publishBody, response: { 200: unchanged, 201: published } },
  async handle(deps, { body, request }) {
    const actor = requireActor(request, 'publisher', 'administrator');
    const valid = await validatePublishInput(deps, actor, body, {
      ...(deps.publishing.routingUrl ? { routingUrl: deps.publishing.routingUrl } : {}),
    });
    if (!valid.ok) return valid;

    const outcome = await deps.database.db.transaction(async (tx): Promise<Result<Outcome>> => {
      await new SupergraphRepository(tx).lockCompositions();
      const prepared = await preparePublish(tx, actor, body, valid.value.routingUrl);
      if (!prepared.ok) return prepared;
      const { existing, previous } = prepared.value;

      if (
        existing &&
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
          ...(body.contact !== undefined && body.contact !== existing.contact
            ? { contact: body.contact }
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
            reason: 'deskripsi/kontak diperbarui tanpa perubahan skema',
            before: {
              description: existing.description,
              contact: existing.contact,
              version: previous.version,
            },
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
      const stored = await storePublish(tx, actor, prepared.value, evaluation);
      return ok({ kind: 'published', report, ...stored });
    });
    if (!outcome.ok) return outcome;

    const value = outcome.value;
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
 * Tells the gateways (LISTEN penghubung_supergraph) about new supergraphs. After the commit: a gateway
 * that reacts must find the rows. A lost notification is not fatal: gateways also poll.
 */
async function announce(
  deps: RegistryDeps,
  supergraphs: readonly { graph: string; version: number }[],
): Promise<void> {
  for (const supergraph of supergraphs) {
    try {
      await deps.database.notify(SUPERGRAPH_CHANNEL, JSON.stringify(supergraph));
    } catch (error) {
      deps.logger.warn(
        { err: error, ...supergraph },
        'supergraph notification failed; gateways will pick it up by polling',
      );
    }
  }
}
