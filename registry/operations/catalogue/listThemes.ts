/** GET /v1/themes — every theme (tema) of the service directory. */
import { z } from 'zod';
import { requireActor } from '../../http/actor.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { ThemeRepository } from '../../repositories/ThemeRepository.ts';
import { themeView } from '../admin/createTheme.ts';

export const listThemes = defineOperation({
  summary: 'Daftar tema (list themes)',
  tags: ['directory'],
  schema: { response: { 200: z.object({ themes: z.array(themeView) }) } },
  async handle(deps, { request }) {
    requireActor(request);
    const themes = await new ThemeRepository(deps.database.db).list();
    return reply(200, { themes: themes.map((t) => ({ ...t, createdAt: t.createdAt.toISOString() })) });
  },
});
