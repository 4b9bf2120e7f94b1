/** GET /v1/inbox — how many things wait for the caller, per kind, with the console page to act on them. */
import { z } from 'zod';
import { defineOperation, reply } from '../../http/operation.ts';
import { inboxKinds, inboxOf } from '../../notifications/inbox.ts';

export const inboxView = z
  .object({
    items: z.array(
      z.object({
        kind: z.enum(inboxKinds).describe('Jenis hal yang menunggu (kind of item)'),
        count: z.number().int().min(0),
        href: z.string().describe('Halaman konsol tempat menanganinya, mis. /console/admin/permohonan'),
      }),
    ),
    total: z.number().int().min(0),
  })
  .meta({ id: 'Inbox' });

export const getInbox = defineOperation({
  summary: 'Kotak masuk: jumlah yang menunggu tindakan Anda (inbox counts)',
  description:
    'Administrator: permohonan menunggu persetujuan. Penerbit: permohonan disetujui yang menunggu keputusan PD-nya, dan perubahan lintas PD yang menunggu persetujuan PD-nya. ' +
    'Pemohon: permohonannya yang diputuskan sejak terakhir ditandai dilihat (POST /v1/inbox/seen). Evaluator: tidak ada. ' +
    'Administrator: requests awaiting approval. Publisher: approved requests awaiting its agency’s decision, and cross-agency changes awaiting its agency’s consent. ' +
    'Requester: its requests decided since it last marked them seen. Evaluator: none.',
  tags: ['session'],
  schema: { response: { 200: inboxView } },
  async handle(deps, { actor }) {
    return reply(200, await inboxOf(deps.database.db, actor));
  },
});
