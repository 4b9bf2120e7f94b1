/**
 * POST /v1/change-sets/check — the checks of a change set without storing anything: the same gates
 * as its publish (403/409/413/400/422 for a set that could never be published) and, for one that
 * could, whether it passes, the graphs that fail and each member's report (200 either way: the check ran).
 */
import { z } from 'zod';
import { defineOperation, reply } from '../../http/operation.ts';
import { evaluateChangeSet } from '../../publishing/evaluateChangeSet.ts';
import { changeSetBody, changeSetBodyLimit } from '../../publishing/publishInput.ts';
import { publishReportSchema } from '../../publishing/report.ts';
import { prepareChangeSet, validateChangeSet } from '../../publishing/runChangeSet.ts';

const issue = z.object({
  message: z.string(),
  code: z.string(),
  locations: z.array(z.object({ line: z.number().int(), column: z.number().int() })).optional(),
});

export const checkChangeSet = defineOperation({
  summary: 'Memeriksa set perubahan tanpa menyimpan (check a change set, dry run)',
  tags: ['subgraph'],
  roles: ['publisher', 'administrator'],
  errors: [403, 409, 413, 422],
  bodyLimit: changeSetBodyLimit,
  schema: {
    body: changeSetBody,
    response: {
      200: z
        .object({
          passed: z.boolean(),
          /** Every member identical to its stored version: publishing would change nothing. */
          unchanged: z.boolean(),
          /** Only an administrator's override could publish it (breaking or protected, composition fine). */
          overridable: z.boolean(),
          failedGraphs: z.array(z.object({ graph: z.string(), subgraphs: z.array(z.string()), errors: z.array(issue) })),
          reports: z.array(publishReportSchema),
        })
        .meta({ id: 'ChangeSetCheck' }),
    },
  },
  async handle(deps, { body, actor }) {
    const valid = await validateChangeSet(deps, actor, body);
    if (!valid.ok) return valid;
    const db = deps.database.db;
    const prepared = await prepareChangeSet(db, actor, valid.value);
    if (!prepared.ok) return prepared;
    const evaluation = await evaluateChangeSet(db, deps, prepared.value);
    const compositionFailed = evaluation.failedGraphs.length > 0;
    return reply(200, {
      passed: !compositionFailed && !evaluation.checksFailed,
      unchanged: evaluation.members.every((member) => member.unchanged),
      overridable: !compositionFailed && evaluation.checksFailed,
      failedGraphs: evaluation.failedGraphs,
      reports: evaluation.members.map((member) => member.report),
    });
  },
});
