/** PATCH /v1/admin/agencies/:slug — an administrator changes an agency's name, description or contact. */
import { z } from 'zod';
import { updateAgency as updateAgencyRecord } from '../../admin/catalogue.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { slug } from '../../publishing/publishInput.ts';
import { agencyView } from './createAgency.ts';

export const updateAgency = defineOperation({
  summary: 'Mengubah PD (update an agency)',
  description: 'Slug tidak dapat diubah. The slug cannot change.',
  tags: ['admin'],
  roles: ['administrator'],
  errors: [403, 404],
  schema: {
    params: z.object({ slug }),
    body: z
      .object({
        name: z.string().trim().min(2).max(200).optional(),
        description: z.string().max(2000).optional(),
        contact: z.string().max(500).optional(),
      })
      .strict()
      .refine((body) => Object.keys(body).length > 0, { message: 'Sebutkan paling sedikit satu field (give at least one field)' })
      .meta({ id: 'UpdateAgencyRequest' }),
    response: { 200: agencyView },
  },
  async handle(deps, { params, body, actor }) {
    const result = await deps.database.db.transaction((tx) => updateAgencyRecord(tx, actor, params.slug, body));
    if (!result.ok) return result;
    const agency = result.value;
    return reply(200, {
      id: agency.id,
      slug: agency.slug,
      name: agency.name,
      description: agency.description,
      contact: agency.contact,
      createdAt: agency.createdAt.toISOString(),
    });
  },
});
