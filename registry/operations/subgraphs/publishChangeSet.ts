/**
 * POST /v1/change-sets — several subgraphs published as one change: checked, composed together and
 * stored in one transaction, or not at all. Subgraphs that only compose together (an interface and
 * its `@interfaceObject`, `@external` fields on both sides) are published this way the first time.
 * Every check of a single publish applies to each member: the publisher's agency, routing hosts,
 * schema limits, breaking changes and protected fields, cross-agency consent (the whole set is held).
 * A refusal names the subgraph, or the graph and the subgraphs in it, and stores nothing.
 */
import { z } from 'zod';
import { ErrorCode } from '../../../lib/errors.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { announce } from '../../publishing/announce.ts';
import { changeSetBody, changeSetBodyLimit } from '../../publishing/publishInput.ts';
import { publishReportSchema } from '../../publishing/report.ts';
import { runChangeSet, validateChangeSet } from '../../publishing/runChangeSet.ts';
import { SupergraphRepository } from '../../repositories/SupergraphRepository.ts';
import { recordCompositionFailures } from '../../publishing/compositionFailures.ts';
import type { FailedGraph } from '../../publishing/evaluateChangeSet.ts';
import { isCompositionRefusal, recordLimitRefusal, recordRefusal } from './publishSubgraph.ts';

const member = z.object({
  subgraph: z.string(),
  version: z.number().int(),
  sdlHash: z.string(),
  unchanged: z.boolean().describe('Sama dengan versi tersimpan: tidak ada versi baru'),
});
const supergraphVersion = z.object({ graph: z.string(), version: z.number().int() });

export const publishChangeSet = defineOperation({
  summary: 'Menerbitkan beberapa subgraph sebagai satu perubahan (publish a change set)',
  description:
    'Semua subgraph dalam set diperiksa, dikomposisi bersama dan disimpan dalam satu transaksi: semuanya atau tidak ' +
    'sama sekali. Penolakan menyebut subgraph (atau graf dan subgraph di dalamnya) yang gagal; laporan per subgraph ' +
    'ada di `details.reports`.',
  tags: ['subgraph'],
  roles: ['publisher', 'administrator'],
  errors: [403, 409, 413, 422],
  bodyLimit: changeSetBodyLimit,
  schema: {
    body: changeSetBody,
    response: {
      200: z.object({ unchanged: z.literal(true), subgraphs: z.array(member) }).meta({ id: 'ChangeSetUnchanged' }),
      201: z
        .object({
          unchanged: z.literal(false),
          changeSetId: z.string(),
          subgraphs: z.array(member),
          supergraphs: z.array(supergraphVersion),
          reports: z.array(publishReportSchema),
        })
        .meta({ id: 'ChangeSetPublished' }),
      202: z
        .object({
          pending: z.literal(true),
          changeId: z.string(),
          owners: z.array(z.string()),
          message: z.object({ id: z.string(), en: z.string() }),
          reports: z.array(publishReportSchema),
        })
        .meta({ id: 'ChangeSetPending' }),
    },
  },
  async handle(deps, { body, actor }) {
    const names = body.subgraphs.map((entry) => entry.name);
    const valid = await validateChangeSet(deps, actor, body);
    if (!valid.ok) {
      const { error } = valid;
      if (error.code === ErrorCode.SCHEMA_LIMIT_EXCEEDED) {
        const subgraph = (error.details as { subgraph: string }).subgraph;
        await recordLimitRefusal(deps, actor, body.subgraphs.find((entry) => entry.name === subgraph) ?? { name: subgraph }, error);
      }
      return valid;
    }
    const entries = valid.value;

    let outcome: Awaited<ReturnType<typeof runChangeSet>>;
    try {
      outcome = await deps.database.db.transaction(async (tx) => {
        await new SupergraphRepository(tx).lockCompositions();
        return runChangeSet(tx, deps, actor, entries);
      });
    } catch (error) {
      // Rolled back: nothing of the set is stored, only the refusal of a composition over its budget.
      if (isCompositionRefusal(error)) {
        await recordLimitRefusal(deps, actor, { name: names.join(', '), agency: body.subgraphs[0]?.agency }, error);
      }
      throw error;
    }
    if (!outcome.ok) {
      if (outcome.error.code === ErrorCode.ROUTING_URL_NOT_ALLOWED) {
        const name = (outcome.error.details as { subgraph: string }).subgraph;
        await recordRefusal(deps, actor, name, outcome.error);
      }
      if (outcome.error.code === ErrorCode.COMPOSITION_FAILED) {
        const { failedGraphs } = outcome.error.details as { failedGraphs: FailedGraph[] };
        await recordCompositionFailures(
          deps,
          actor,
          failedGraphs.map((failed) => ({
            graph: failed.graph,
            subgraph: failed.subgraphs.join(', '),
            agency: body.subgraphs.find((entry) => entry.name === failed.subgraphs[0])?.agency,
            errors: failed.errors,
          })),
        );
      }
      return outcome;
    }
    const value = outcome.value;
    if (value.kind === 'unchanged') return reply(200, { unchanged: true as const, subgraphs: value.subgraphs });
    if (value.kind === 'pending') {
      return reply(202, {
        pending: true as const,
        changeId: value.changeId,
        owners: value.owners,
        message: {
          id: `Set perubahan ini menyentuh field milik PD lain (${value.owners.join(', ')}) dan menunggu persetujuan mereka (nomor ${value.changeId}). Belum ada yang diterbitkan.`,
          en: `This change set reaches fields owned by other agencies (${value.owners.join(', ')}) and awaits their consent (id ${value.changeId}). Nothing was published yet.`,
        },
        reports: value.reports,
      });
    }
    await announce(deps, value.supergraphs);
    return reply(201, {
      unchanged: false as const,
      changeSetId: value.changeSetId,
      subgraphs: value.subgraphs,
      supergraphs: value.supergraphs,
      reports: value.reports,
    });
  },
});
