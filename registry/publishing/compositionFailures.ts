/**
 * A publish refused because a graph would not compose leaves no version and no supergraph; the attempt
 * is kept per graph (when, which subgraph of which agency, the composer's first errors) so the graphs'
 * health shows the failure beside the last success.
 */
import type { RegistryDeps } from '../deps.ts';
import type { Actor } from '../http/actor.ts';
import { AgencyRepository } from '../repositories/AgencyRepository.ts';
import { CompositionFailureRepository } from '../repositories/CompositionFailureRepository.ts';
import type { FederationIssue } from '../checks/index.ts';
import type { PublishReport } from './report.ts';

/** Errors kept per failure, and characters per message: a summary, not the whole report. */
const ERRORS_KEPT = 5;
const MESSAGE_CHARS = 500;

export interface FailedComposition {
  graph: string;
  /** The subgraph (or the change set's culprits, comma-separated) whose publish was refused. */
  subgraph: string;
  /** The publishing agency's slug, when the request named it. */
  agency?: string | undefined;
  errors: readonly FederationIssue[];
}

export async function recordCompositionFailures(deps: RegistryDeps, actor: Actor, failed: readonly FailedComposition[]): Promise<void> {
  if (failed.length === 0) return;
  // A publisher publishes for its own agency; an administrator names the agency in the request.
  const ownAgency = actor.agencyId ? ((await new AgencyRepository(deps.database.db).findById(actor.agencyId))?.slug ?? '') : '';
  const failedAt = deps.now();
  await new CompositionFailureRepository(deps.database.db).record(
    failed.map((entry) => ({
      graph: entry.graph,
      failedAt,
      subgraph: entry.subgraph,
      agency: entry.agency ?? ownAgency,
      errors: entry.errors.slice(0, ERRORS_KEPT).map((error) => ({ code: error.code, message: error.message.slice(0, MESSAGE_CHARS) })),
      errorCount: entry.errors.length,
    })),
  );
}

/** The failed graphs of a refused single publish. */
export function publishFailures(body: { name: string; agency?: string | undefined }, report: PublishReport): FailedComposition[] {
  return report.composition
    .filter((entry) => !entry.ok)
    .map((entry) => ({ graph: entry.graph, subgraph: body.name, agency: body.agency, errors: entry.errors }));
}
