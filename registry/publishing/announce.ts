import { SUPERGRAPH_CHANNEL } from '../../lib/feed/channels.ts';
import type { RegistryDeps } from '../deps.ts';

/**
 * Tells the gateways (LISTEN penghubung_supergraph) about new supergraphs. After the commit: a gateway
 * that reacts must find the rows. A lost notification is not fatal: gateways also poll.
 */
export async function announce(
  deps: RegistryDeps,
  supergraphs: readonly { graph: string; version: number }[],
): Promise<void> {
  for (const supergraph of supergraphs) {
    try {
      await deps.database.notify(SUPERGRAPH_CHANNEL, JSON.stringify(supergraph));
    } catch (error) {
      deps.logger.warn(
        { err: error, ...supergraph },
        'supergraph notification failed; gateways will pick it up by polling',
      );
    }
  }
}
