/**
 * GET /v1/log/verification — whether the access log and the administrative trail are intact: the
 * same verification as `penghubung log verify` (hash chain, signed checkpoints with the key history,
 * published copies), for the evaluator's console. A result younger than a minute is reused unless
 * `refresh=true`.
 */
import { z } from 'zod';
import { ErrorCode, fail } from '../../../lib/errors.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { EVALUATION_ROLES, EVALUATION_TAG } from '../../evaluation/deps.ts';

const chainStatusView = z.object({
  chain: z.enum(['access', 'trail']),
  ok: z.boolean(),
  mode: z.enum(['anchored', 'genesis']),
  recordsChecked: z.number(),
  checkpointsVerified: z.number(),
  sealedThrough: z.string().describe('Seq tertinggi yang dicakup checkpoint bertanda tangan yang sah'),
  storedHeadSeq: z.string().nullable(),
  problem: z.object({ seq: z.string(), kind: z.string(), detail: z.string() }).nullable(),
  hint: z.object({ id: z.string(), en: z.string() }).nullable(),
});

export const ledgerStatusView = z
  .object({ verifiedAt: z.string(), ok: z.boolean(), chains: z.array(chainStatusView) })
  .meta({ id: 'LedgerStatus' });

export const getLogVerification = defineOperation({
  summary: 'Status verifikasi rantai log akses dan jejak administratif (chain verification status)',
  description:
    'Memeriksa rantai hash dan checkpoint bertanda tangan seperti `penghubung log verify`. Hasil yang berumur kurang dari satu menit dipakai ulang; ' +
    '`refresh=true` memeriksa ulang sekarang.',
  tags: [EVALUATION_TAG],
  roles: EVALUATION_ROLES,
  errors: [403, 503],
  schema: {
    querystring: z.object({ refresh: z.enum(['true', 'false']).default('false') }).strict(),
    response: { 200: ledgerStatusView },
  },
  async handle(deps, { query }) {
    if (!deps.ledgerStatus) {
      return fail(ErrorCode.UNAVAILABLE, {
        id: 'Verifikasi rantai tidak dikonfigurasi pada registry ini; jalankan `penghubung log verify` di server.',
        en: 'Chain verification is not configured on this registry; run `penghubung log verify` on the server.',
      });
    }
    return reply(200, await deps.ledgerStatus.current({ refresh: query.refresh === 'true' }));
  },
});
