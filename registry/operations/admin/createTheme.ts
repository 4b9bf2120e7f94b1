/** POST /v1/admin/themes — an administrator adds a theme (tema) to the service directory. */
import { z } from 'zod';
import { createTheme as createThemeRecord } from '../../admin/catalogue.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { slug } from '../../publishing/publishInput.ts';

export const themeView = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'Theme' });

export const createTheme = defineOperation({
  summary: 'Menambah tema (create a theme)',
  description: 'Graf untuk tema baru tidak dibuat otomatis; buat dengan POST /v1/admin/graphs.',
  tags: ['admin'],
  roles: ['administrator'],
  errors: [403, 409],
  schema: {
    body: z
      .object({ slug, name: z.string().trim().min(2).max(200), description: z.string().max(2000).optional() })
      .meta({ id: 'CreateThemeRequest' }),
    response: { 201: themeView },
  },
  async handle(deps, { body, actor }) {
    const result = await deps.database.db.transaction((tx) => createThemeRecord(tx, actor, body));
    if (!result.ok) return result;
    return reply(201, { ...result.value, createdAt: result.value.createdAt.toISOString() });
  },
});
