/** POST /v1/inbox/seen — the caller has looked at one kind of its inbox: its count starts again from now. */
import { z } from 'zod';
import { fail } from '../../../lib/errors.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { canMarkSeen, seenKinds } from '../../notifications/inbox.ts';
import { InboxRepository } from '../../repositories/InboxRepository.ts';

export const markInboxSeen = defineOperation({
  summary: 'Menandai kotak masuk sudah dilihat (mark an inbox kind seen)',
  description:
    'Hanya untuk jenis yang menghitung hal baru sejak terakhir dilihat (access_requests.decided, pemohon). ' +
    'Only for kinds that count what is new since last seen (access_requests.decided, requesters).',
  tags: ['session'],
  errors: [400],
  schema: {
    body: z.object({ kind: z.enum(seenKinds) }).strict(),
    response: { 204: z.null().describe('Ditandai (marked)') },
  },
  async handle(deps, { actor, body }) {
    if (!canMarkSeen(actor, body.kind)) {
      return fail('BAD_REQUEST', {
        id: `Jenis ${body.kind} bukan bagian kotak masuk peran ${actor.role}.`,
        en: `Kind ${body.kind} is not part of the ${actor.role} role's inbox.`,
      });
    }
    await new InboxRepository(deps.database.db).markSeen(actor.userId, body.kind);
    return reply(204, null);
  },
});
