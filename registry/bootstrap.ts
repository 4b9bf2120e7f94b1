/**
 * First start of a registry: the standard themes (and any others the installation names), the
 * all-themes graph `semua`, one graph per theme named after it, and an administrator. Idempotent:
 * what exists is left alone, so it can run on every start. Returns the administrator's token only
 * when it created the administrator (shown once; print it and keep it safe).
 */
import type { DatabaseHandle, Executor } from '../drizzle/database.ts';
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
  return database.db.transaction(async (tx) => {
    const catalogue = await ensureCatalogueIn(tx, options.themes);
    const users = new UserRepository(tx);
    let adminToken: string | null = null;
    if (!(await users.findFirstWithRole('administrator'))) {
      adminToken = (await createAdministrator(tx, options)).token;
    }
    return { ...catalogue, adminToken };
  });
}

/**
 * The standard themes and their graphs, nothing else: what `penghubung serve` makes sure of on every
 * start of a real installation, which gets its first administrator from `penghubung admin bootstrap`.
 */
export async function ensureCatalogue(
  database: DatabaseHandle,
  themes: (string | ThemeDefinition)[] = [],
): Promise<Omit<BootstrapResult, 'adminToken'>> {
  return database.db.transaction((tx) => ensureCatalogueIn(tx, themes));
}

export type AdministratorBootstrap =
  | { created: true; userId: string; token: string }
  | { created: false; existingEmail: string };

/**
 * `penghubung admin bootstrap`: the catalogue and the installation's first administrator, once. When
 * an administrator exists it creates nothing and says so: further administrators are created by an
 * administrator (`admin user create`), so the trail names who made them.
 */
export async function bootstrapAdministrator(
  database: DatabaseHandle,
  options: BootstrapOptions,
): Promise<AdministratorBootstrap> {
  return database.db.transaction(async (tx) => {
    await ensureCatalogueIn(tx, options.themes);
    const existing = await new UserRepository(tx).findFirstWithRole('administrator');
    if (existing) return { created: false as const, existingEmail: existing.email };
    const created = await createAdministrator(tx, options);
    return { created: true as const, userId: created.userId, token: created.token };
  });
}

async function createAdministrator(
  tx: Executor,
  options: BootstrapOptions,
): Promise<{ userId: string; token: string }> {
  const admin = await createUser(tx, systemActor, {
    name: options.adminName,
    email: options.adminEmail,
    role: 'administrator',
  });
  if (!admin.ok) throw admin.error;
  const token = await issueUserToken(tx, systemActor, admin.value, { label: 'bootstrap' });
  return { userId: admin.value.id, token: token.token };
}

async function ensureCatalogueIn(
  tx: Executor,
  extraThemes: (string | ThemeDefinition)[] = [],
): Promise<Omit<BootstrapResult, 'adminToken'>> {
  const wanted = new Map<string, ThemeDefinition>();
  for (const theme of [...STANDARD_THEMES, ...extraThemes.map(themeDefinition)]) wanted.set(theme.slug, theme);

  const result = { createdThemes: [] as string[], createdGraphs: [] as string[] };
  const themes = new ThemeRepository(tx);
  for (const theme of wanted.values()) {
    if (await themes.findBySlug(theme.slug)) continue;
    const created = await createTheme(tx, systemActor, theme);
    if (!created.ok) throw created.error;
    result.createdThemes.push(theme.slug);
  }

  const graphs = new GraphRepository(tx);
  const graphDefinitions = [
    { name: ALL_THEMES_GRAPH, description: 'Semua tema: entitas dapat digabung lintas PD', themes: [] as string[] },
    ...[...wanted.values()].map((theme) => ({ name: theme.slug, description: `Tema ${theme.name}`, themes: [theme.slug] })),
  ];
  for (const definition of graphDefinitions) {
    if (await graphs.findByName(definition.name)) continue;
    const created = await createGraph(tx, systemActor, definition);
    if (!created.ok) throw created.error;
    result.createdGraphs.push(definition.name);
  }
  return result;
}
