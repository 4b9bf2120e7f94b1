/**
 * The gates of a publish that need no composition, cheapest first: who may publish for which agency,
 * the SDL (size 413, syntax 400, federation validity 422), the routing URL (422; outside the agency's
 * allowed hosts: 422 ROUTING_URL_NOT_ALLOWED), the theme (422) and
 * the subgraph name (409 when another agency owns it). Shared by publish and check; expected refusals
 * are Results.
 */
import { createHash } from 'node:crypto';
import type { Executor } from '../../drizzle/database.ts';
import type { Agency, SchemaVersion, Theme } from '../../drizzle/schema/index.ts';
import { ErrorCode, fail, ok } from '../../lib/errors.ts';
import type { Result } from '../../lib/errors.ts';
import { validateRoutingUrl, validateSubgraphSdl } from '../checks/index.ts';
import { routingUrlAllowed } from '../checks/routingHosts.ts';
import type { RoutingUrlOptions } from '../checks/index.ts';
import type { RegistryDeps } from '../deps.ts';
import type { Actor } from '../http/actor.ts';
import { AgencyRepository } from '../repositories/AgencyRepository.ts';
import { SubgraphRepository } from '../repositories/SubgraphRepository.ts';
import type { SubgraphWithOwner } from '../repositories/SubgraphRepository.ts';
import { ThemeRepository } from '../repositories/ThemeRepository.ts';
import type { PublishInput } from './publishInput.ts';

export interface PreparedPublish {
  input: PublishInput;
  agency: Agency;
  theme: Theme;
  routingUrl: string;
  sdlHash: string;
  /** The subgraph as stored, when this is not its first publish. */
  existing: SubgraphWithOwner | null;
  previous: SchemaVersion | null;
}

export interface PrepareOptions {
  routingUrl?: RoutingUrlOptions;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Checks that need no database: the override right, the SDL and the routing URL. */
export async function validatePublishInput(
  deps: RegistryDeps,
  actor: Actor,
  input: PublishInput,
  options: PrepareOptions = {},
): Promise<Result<{ routingUrl: string }>> {
  if (input.overrideReason !== undefined && actor.role !== 'administrator') {
    return fail(ErrorCode.FORBIDDEN, {
      id: 'Hanya administrator yang dapat menerima perubahan yang gagal pemeriksaan (overrideReason).',
      en: 'Only an administrator can accept changes that fail the checks (overrideReason).',
    });
  }
  const sdl = validateSubgraphSdl(input.schema, {
    maxBytes: deps.config.maxSchemaBytes,
    name: input.name,
    ...(deps.config.schemaLimits ? { limits: deps.config.schemaLimits } : {}),
  });
  if (!sdl.ok) return sdl;
  const url = await validateRoutingUrl(input.routingUrl, options.routingUrl);
  if (!url.ok) {
    // A URL that does not parse is as unusable as one pointing at a forbidden address: both 422.
    const error = url.error;
    return fail(
      ErrorCode.VALIDATION_FAILED,
      { id: error.message, en: error.messageEn },
      { field: 'routingUrl', ...(error.details as object) },
    );
  }
  return ok({ routingUrl: url.value.url });
}

export async function preparePublish(
  db: Executor,
  actor: Actor,
  input: PublishInput,
  routingUrl: string,
): Promise<Result<PreparedPublish>> {
  const agency = await resolveAgency(db, actor, input.agency, input.name);
  if (!agency.ok) return agency;

  const allowed = agency.value.routingUrlPrefixes;
  if (allowed !== null && !routingUrlAllowed(routingUrl, allowed)) {
    return fail(
      ErrorCode.ROUTING_URL_NOT_ALLOWED,
      {
        id:
          `URL routing ${routingUrl} berada di luar host yang ditetapkan administrator untuk ${agency.value.name} ` +
          `(${allowed.length === 0 ? 'belum ada host yang diizinkan' : allowed.join(', ')}). Minta Dinas Kominfo menambahkannya bila memang alamat subgraph PD Anda.`,
        en:
          `Routing URL ${routingUrl} is outside the hosts the administrator set for ${agency.value.name} ` +
          `(${allowed.length === 0 ? 'none allowed yet' : allowed.join(', ')}). Ask the operator to add it if it really is your agency's subgraph.`,
      },
      { field: 'routingUrl', routingUrl, allowed, agency: agency.value.slug },
    );
  }

  const theme = await new ThemeRepository(db).findBySlug(input.theme);
  if (!theme) {
    const known = (await new ThemeRepository(db).list()).map((t) => t.slug);
    return fail(
      ErrorCode.VALIDATION_FAILED,
      {
        id: `Tema '${input.theme}' tidak dikenal. Tema yang ada: ${known.join(', ')}.`,
        en: `Unknown theme '${input.theme}'. Known themes: ${known.join(', ')}.`,
      },
      { field: 'theme', known },
    );
  }

  const subgraphs = new SubgraphRepository(db, { agencyId: agency.value.id });
  const existing = await subgraphs.findByName(input.name);
  if (existing && existing.agencyId !== agency.value.id) {
    return fail(
      ErrorCode.CONFLICT,
      {
        id: `Nama subgraph '${input.name}' sudah dipakai oleh ${existing.agencyName}. Pilih nama lain.`,
        en: `Subgraph name '${input.name}' is already used by ${existing.agencyName}. Choose another name.`,
      },
      { name: input.name, owner: existing.agencySlug },
    );
  }
  // Until the administrator sets the agency's hosts, a subgraph stays on the host it was first
  // published from: moving it elsewhere (e.g. to a proxy that captures the gateway's tokens) needs the
  // administrator, who either publishes the move or sets the agency's hosts.
  if (allowed === null && existing && actor.role !== 'administrator' && hostOf(existing.routingUrl) !== hostOf(routingUrl)) {
    return fail(
      ErrorCode.ROUTING_URL_NOT_ALLOWED,
      {
        id:
          `Subgraph ${input.name} dilayani dari ${hostOf(existing.routingUrl)}; pindah ke ${hostOf(routingUrl)} memerlukan ` +
          `administrator (Dinas Kominfo), yang menetapkan host yang diizinkan bagi ${agency.value.name}.`,
        en:
          `Subgraph ${input.name} is served from ${hostOf(existing.routingUrl)}; moving it to ${hostOf(routingUrl)} needs an ` +
          `administrator (the operator), who sets the hosts allowed for ${agency.value.name}.`,
      },
      { field: 'routingUrl', routingUrl, previousUrl: existing.routingUrl, allowed: null, agency: agency.value.slug },
    );
  }
  const previous = existing ? await subgraphs.latestVersion(existing.id) : null;
  return ok({
    input,
    agency: agency.value,
    theme,
    routingUrl,
    sdlHash: sha256(input.schema),
    existing,
    previous,
  });
}

/**
 * A publisher publishes for its own agency only. An administrator names the agency, or, for a
 * subgraph that exists already, may leave it out to publish for its owner.
 */
async function resolveAgency(
  db: Executor,
  actor: Actor,
  requested: string | undefined,
  subgraphName: string,
): Promise<Result<Agency>> {
  const agencies = new AgencyRepository(db);
  if (actor.role === 'publisher') {
    const own = actor.agencyId === null ? null : await agencies.findById(actor.agencyId);
    if (!own) {
      return fail(ErrorCode.FORBIDDEN, {
        id: 'Akun publisher ini tidak terhubung ke PD mana pun.',
        en: 'This publisher account belongs to no agency.',
      });
    }
    if (requested !== undefined && requested !== own.slug) {
      return fail(
        ErrorCode.FORBIDDEN,
        {
          id: `Publisher ${own.name} hanya dapat menerbitkan subgraph milik PD-nya sendiri, bukan '${requested}'.`,
          en: `A publisher of ${own.name} can only publish its own agency's subgraphs, not '${requested}'.`,
        },
        { agency: requested },
      );
    }
    return ok(own);
  }
  if (requested === undefined) {
    const existing = await new SubgraphRepository(db, { agencyId: null }).findByName(subgraphName);
    const owner = existing ? await agencies.findById(existing.agencyId) : null;
    if (owner) return ok(owner);
    return fail(
      ErrorCode.VALIDATION_FAILED,
      {
        id: 'Administrator harus menyebut PD pemilik subgraph baru (agency).',
        en: 'An administrator must name the owning agency of a new subgraph (agency).',
      },
      { field: 'agency' },
    );
  }
  const agency = await agencies.findBySlug(requested);
  if (!agency) {
    return fail(
      ErrorCode.VALIDATION_FAILED,
      { id: `PD '${requested}' tidak dikenal.`, en: `Unknown agency '${requested}'.` },
      { field: 'agency' },
    );
  }
  return ok(agency);
}

function hostOf(url: string): string {
  return new URL(url).host.toLowerCase();
}
