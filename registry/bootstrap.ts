/**
 * First start of a registry: the standard themes (and any others the installation names), the
 * all-themes graph `semua`, one graph per theme named after it, and an administrator. Idempotent:
 * what exists is left alone, so it can run on every start. Returns the administrator's token only
 * when it created the administrator (shown once; print it and keep it safe).
 */
import type { DatabaseHandle } from '../drizzle/database.ts';
import { createGraph, createTheme } from './admin/catalogue.ts';
import { createUser, issueUserToken } from './admin/users.ts';
import { systemActor } from './http/actor.ts';
import { GraphRepository } from './repositories/GraphRepository.ts';
import { ThemeRepository } from './repositories/ThemeRepository.ts';
import { UserRepository } from './repositories/UserRepository.ts';

export const ALL_THEMES_GRAPH = 'semua';

export interface ThemeDefinition {
  slug: string;
  name: string;
  description?: string;
}

export const STANDARD_THEMES: readonly ThemeDefinition[] = [
  { slug: 'kependudukan', name: 'Kependudukan', description: 'Data penduduk dan pencatatan sipil' },
  { slug: 'kepegawaian', name: 'Kepegawaian', description: 'Data aparatur sipil negara' },
  { slug: 'perizinan', name: 'Perizinan', description: 'Perizinan dan nonperizinan' },
  { slug: 'kesehatan', name: 'Kesehatan', description: 'Layanan dan fasilitas kesehatan' },
];

export interface BootstrapOptions {
  adminName: string;
  adminEmail: string;
  /** More themes beside the standard ones: a slug (name derived from it) or a full definition. */
  themes?: (string | ThemeDefinition)[];
}

export interface BootstrapResult {
  createdThemes: string[];
  createdGraphs: string[];
  /** The new administrator's registry token; null when an administrator already existed. */
  adminToken: string | null;
}

function themeDefinition(theme: string | ThemeDefinition): ThemeDefinition {
  if (typeof theme !== 'string') return theme;
  return { slug: theme, name: theme.charAt(0).toUpperCase() + theme.slice(1).replaceAll('-', ' ') };
}

export async function ensureBootstrap(
  database: DatabaseHandle,
  options: BootstrapOptions,
): Promise<BootstrapResult> {
  const wanted = new Map<string, ThemeDefinition>();
  for (const theme of [...STANDARD_THEMES, ...(options.themes ?? []).map(themeDefinition)])
    wanted.set(theme.slug, theme);

  return database.db.transaction(async (tx) => {
    const result: BootstrapResult = { createdThemes: [], createdGraphs: [], adminToken: null };
    const themes = new ThemeRepository(tx);
    for (const theme of wanted.values()) {
      if (await themes.findBySlug(theme.slug)) continue;
      const created = await createTheme(tx, systemActor, theme);
      if (!created.ok) throw created.error;
      result.createdThemes.push(theme.slug);
    }

    const graphs = new GraphRepository(tx);
    const graphDefinitions = [
      {
        name: ALL_THEMES_GRAPH,
        description: 'Semua tema: entitas dapat digabung lintas PD',
        themes: [] as string[],
      },
      ...[...wanted.values()].map((theme) => ({
        name: theme.slug,
        description: `Tema ${theme.name}`,
        themes: [theme.slug],
      })),
    ];
    for (const definition of graphDefinitions) {
      if (await graphs.findByName(definition.name)) continue;
      const created = await createGraph(tx, systemActor, definition);
      if (!created.ok) throw created.error;
      result.createdGraphs.push(definition.name);
    }

    const users = new UserRepository(tx);
    if (!(await users.findFirstWithRole('administrator'))) {
      const admin = await createUser(tx, systemActor, {
        name: options.adminName,
        email: options.adminEmail,
        role: 'administrator',
      });
      if (!admin.ok) throw admin.error;
      const token = await issueUserToken(tx, systemActor, admin.value, { label: 'bootstrap' });
      result.adminToken = token.token;
    }
    return result;
  });
}
