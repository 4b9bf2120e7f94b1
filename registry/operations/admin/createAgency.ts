/** POST /v1/admin/agencies — an administrator registers an agency (Perangkat Daerah). */
import { z } from 'zod';
import { createAgency as createAgencyRecord } from '../../admin/catalogue.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { slug } from '../../publishing/publishInput.ts';

export const agencyView = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    contact: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'Agency' });

export const createAgency = defineOperation({
  summary: 'Mendaftarkan PD (register an agency)',
  tags: ['admin'],
  roles: ['administrator'],
  errors: [403, 409],
  schema: {
    body: z
      .object({
        slug: slug.describe('Pengenal singkat, mis. disdukcapil'),
        name: z.string().trim().min(2).max(200),
        description: z.string().max(2000).optional(),
        contact: z.string().max(500).optional(),
      })
      .meta({ id: 'CreateAgencyRequest' }),
    response: { 201: agencyView },
  },
  async handle(deps, { body, actor }) {
    const result = await deps.database.db.transaction((tx) => createAgencyRecord(tx, actor, body));
    if (!result.ok) return result;
    const agency = result.value;
    return reply(201, { ...agency, createdAt: agency.createdAt.toISOString() });
  },
});
