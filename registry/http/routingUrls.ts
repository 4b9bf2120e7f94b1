import type { Actor } from './actor.ts';

/**
 * Who may read a subgraph's routing URL: administrators, and the publishers of the agency that owns
 * it. Everyone else reaches agencies through the gateway only (Perwali Baubau 32/2024 Pasal 5a: a
 * bus, not point-to-point connections), so a requester or evaluator has no use for an internal
 * address and is not shown one.
 */
export function mayReadRoutingUrl(actor: Actor, owningAgencyId: string | null): boolean {
  if (actor.role === 'administrator') return true;
  return actor.role === 'publisher' && owningAgencyId !== null && actor.agencyId === owningAgencyId;
}

/** What is shown instead of a routing URL the caller may not read. */
export const HIDDEN_ROUTING_URL = '';

/** A supergraph SDL with the `url:` of every `@join__graph` emptied (for callers who are not administrators). */
export function withoutRoutingUrls(supergraphSdl: string): string {
  return supergraphSdl.replace(/(@join__graph\(\s*name:\s*"[^"]*"\s*,\s*url:\s*)"(?:[^"\\]|\\.)*"/g, `$1"${HIDDEN_ROUTING_URL}"`);
}
