/** GET /v1/log/signals — misuse signals per client and WIB day, with their evidence. */
import { defineOperation, reply } from '../../http/operation.ts';
import { EVALUATION_ROLES, EVALUATION_TAG, evaluationDepsOf } from '../../evaluation/deps.ts';
import { detectMisuseSignals } from '../../evaluation/misuseSignals.ts';
import { signalsQuery, signalsView } from '../../evaluation/schemas.ts';

export const getMisuseSignals = defineOperation({
  summary: 'Sinyal potensi penyalahgunaan (misuse signals)',
  description:
    'Per aplikasi klien dan hari (WIB): lonjakan volume, percobaan ditolak, dan porsi akses 22.00–05.00 WIB lebih dari 3× median 30 hari sebelumnya ' +
    '(dengan jumlah minimum), serta pelampauan kuota harian pemberian akses; masing-masing dengan angka buktinya. Hari dinilai utuh.',
  tags: [EVALUATION_TAG],
  roles: EVALUATION_ROLES,
  errors: [403],
  schema: { querystring: signalsQuery, response: { 200: signalsView } },
  async handle(deps, { query }) {
    const result = await detectMisuseSignals(evaluationDepsOf(deps), query);
    return result.ok ? reply(200, { ...result.value, thresholds: { ...result.value.thresholds } }) : result;
  },
});
