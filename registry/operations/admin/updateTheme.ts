/** PATCH /v1/admin/themes/:slug — an administrator changes a theme's name or description. */
import { z } from 'zod';
import { updateTheme as updateThemeRecord } from '../../admin/catalogue.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { slug } from '../../publishing/publishInput.ts';
import { themeView } from './createTheme.ts';

export const updateTheme = defineOperation({
  summary: 'Mengubah tema (update a theme)',
  description: 'Slug tidak dapat diubah. The slug cannot change.',
  tags: ['admin'],
  roles: ['administrator'],
  errors: [403, 404],
  schema: {
    params: z.object({ slug }),
    body: z
      .object({ name: z.string().trim().min(2).max(200).optional(), description: z.string().max(2000).optional() })
      .strict()
      .refine((body) => Object.keys(body).length > 0, { message: 'Sebutkan paling sedikit satu field (give at least one field)' })
      .meta({ id: 'UpdateThemeRequest' }),
    response: { 200: themeView },
  },
  async handle(deps, { params, body, actor }) {
    const result = await deps.database.db.transaction((tx) => updateThemeRecord(tx, actor, params.slug, body));
    if (!result.ok) return result;
    const theme = result.value;
    return reply(200, { id: theme.id, slug: theme.slug, name: theme.name, description: theme.description, createdAt: theme.createdAt.toISOString() });
  },
});
