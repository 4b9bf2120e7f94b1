/**
 * POST /v1/subgraphs/check — the checks of a publish, without storing anything: the same gates
 * (403/409/413/400/422 for input that could never be published) and, for a schema that could, the
 * report with `passed` true or false (200 either way: the check itself ran).
 */
import { z } from 'zod';
import { defineOperation, reply } from '../../http/operation.ts';
import { evaluatePublish } from '../../publishing/evaluatePublish.ts';
import { preparePublish, validatePublishInput } from '../../publishing/preparePublish.ts';
import { publishBody } from '../../publishing/publishInput.ts';
import { publishReportSchema } from '../../publishing/report.ts';

const checkResult = z
  .object({
    passed: z.boolean(),
    /** True when the schema is identical to the stored version: publishing it would change nothing. */
    unchanged: z.boolean(),
    /** True when only an administrator's override could publish it (breaking or protected, composition fine). */
    overridable: z.boolean(),
    report: publishReportSchema,
  })
  .meta({ id: 'CheckResult' });

export const checkSubgraph = defineOperation({
  summary: 'Memeriksa skema subgraph tanpa menyimpan (check a subgraph schema, dry run)',
  tags: ['subgraph'],
  roles: ['publisher', 'administrator'],
  errors: [403, 409, 413, 422],
  bodyLimit: (deps) => deps.config.maxSchemaBytes * 2 + 65_536,
  schema: { body: publishBody, response: { 200: checkResult } },
  async handle(deps, { body, actor }) {
    const valid = await validatePublishInput(deps, actor, body, {
      ...(deps.publishing.routingUrl ? { routingUrl: deps.publishing.routingUrl } : {}),
    });
    if (!valid.ok) return valid;
    const db = deps.database.db;
    const prepared = await preparePublish(db, actor, body, valid.value.routingUrl);
    if (!prepared.ok) return prepared;
    const evaluation = await evaluatePublish(db, deps, prepared.value);
    const previous = prepared.value.previous;
    return reply(200, {
      passed: evaluation.report.passed,
      unchanged: previous !== null && previous.sdlHash === prepared.value.sdlHash,
      overridable: !evaluation.compositionFailed && evaluation.checksFailed,
      report: evaluation.report,
    });
  },
});
