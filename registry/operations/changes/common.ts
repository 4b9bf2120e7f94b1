import { z } from 'zod';
import type { CrossAgencyChange } from '../../../drizzle/schema/index.ts';
import { ErrorCode, fail } from '../../../lib/errors.ts';
import type { Result } from '../../../lib/errors.ts';
import type { CrossAgencyReachReport } from '../../publishing/report.ts';

export const changeParams = z.object({ id: z.uuid() });

const message = z.object({ id: z.string(), en: z.string() });

export const crossAgencyChangeView = z
  .object({
    id: z.string(),
    subgraph: z.string(),
    agency: z.string().describe('Slug PD yang meminta perubahan'),
    requestedBy: z.string(),
    status: z.enum(['pending', 'accepted', 'declined']),
    owners: z.array(z.string()).describe('Slug PD pemilik field yang dijangkau'),
    acceptedBy: z.array(z.string()).describe('Slug PD pemilik yang sudah menyetujui'),
    reaches: z.array(
      z.object({ kind: z.string(), coordinate: z.string(), ownerAgency: z.string(), ownerSubgraph: z.string(), message }),
    ),
    routingUrl: z.string(),
    sdlHash: z.string(),
    schema: z.string(),
    decidedBy: z.string().nullable(),
    reason: z.string(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
  })
  .meta({ id: 'CrossAgencyChange' });

export type CrossAgencyChangeView = z.infer<typeof crossAgencyChangeView>;

/** The change as people read it; agency ids become slugs. */
export function viewOf(change: CrossAgencyChange, slugOf: ReadonlyMap<string, string>): CrossAgencyChangeView {
  const reaches = change.reaches as CrossAgencyReachReport[];
  return {
    id: change.id,
    subgraph: change.subgraphName,
    agency: slugOf.get(change.agencyId) ?? change.agencyId,
    requestedBy: change.requestedByName,
    status: change.status,
    owners: change.ownerAgencyIds.map((id) => slugOf.get(id) ?? id),
    acceptedBy: change.acceptedAgencyIds.map((id) => slugOf.get(id) ?? id),
    reaches: reaches.map(({ kind, coordinate, ownerAgency, ownerSubgraph, message: text }) => ({
      kind,
      coordinate,
      ownerAgency,
      ownerSubgraph,
      message: text,
    })),
    routingUrl: change.routingUrl,
    sdlHash: change.sdlHash,
    schema: schemaOf(change.request),
    decidedBy: change.decidedByName,
    reason: change.reason,
    createdAt: change.createdAt.toISOString(),
    decidedAt: change.decidedAt?.toISOString() ?? null,
  };
}

export function changeNotFound<T>(id: string): Result<T> {
  return fail(
    ErrorCode.NOT_FOUND,
    { id: `Perubahan lintas PD '${id}' tidak ada (atau bukan urusan PD Anda).`, en: `No cross-agency change '${id}' (or not your agency's).` },
    { id },
  );
}

export function notPending<T>(change: CrossAgencyChange): Result<T> {
  return fail(
    ErrorCode.CONFLICT,
    {
      id: `Perubahan lintas PD ini sudah diputuskan (${change.status === 'accepted' ? 'diterima' : 'ditolak'}).`,
      en: `This cross-agency change was already decided (${change.status}).`,
    },
    { status: change.status },
  );
}

/** The schema a held change carries; a held change set shows each member's SDL under its name. */
function schemaOf(request: unknown): string {
  const held = request as { schema?: string; changeSet?: { name: string; schema: string }[] };
  if (Array.isArray(held.changeSet)) return held.changeSet.map((member) => `# ${member.name}\n${member.schema}`).join('\n\n');
  return held.schema ?? '';
}
