/**
 * The check that protects requesters: a breaking change may not touch a field someone holds an
 * active grant for, or has called within the traffic window. Each violation names the requesters
 * it would break, so the publisher knows whom to talk to (or which grants to revoke first).
 *
 * Why this, and not "every breaking change fails": access is deny-by-default, so a field nobody holds
 * a grant for cannot be queried by any requester, and its removal breaks no one. Grants say who may
 * call; recent traffic says who actually does (and catches grants revoked a moment ago).
 *
 * The grant and access-log sources are injected: this module reads no database.
 */
import type { Message } from '../../lib/errors.ts';
import type { SchemaChange } from './diffSchemas.ts';

export interface GrantHolder {
  coordinate: string;
  clientId: string;
  clientName: string;
}

export interface TrafficSummary {
  coordinate: string;
  count: number;
  /** The clients that called the coordinate in the window. */
  clients: string[];
}

export interface ProtectionSources {
  /** Active grants on any of `coordinates`. */
  activeGrants(coordinates: string[]): Promise<GrantHolder[]>;
  /** Calls to any of `coordinates` during the last `sinceDays` days. */
  recentTraffic(coordinates: string[], sinceDays: number): Promise<TrafficSummary[]>;
  trafficWindowDays: number;
}

export interface ProtectedFieldViolation {
  /** The protected field coordinate (`Type.field`). */
  coordinate: string;
  /** The breaking change that hurts it. */
  change: Pick<SchemaChange, 'type' | 'coordinate' | 'message' | 'messageId'>;
  grants: { clientId: string; clientName: string }[];
  traffic: { count: number; clients: string[]; sinceDays: number } | null;
  /** Everyone affected, by name: grant holders, then callers without a grant. */
  requesters: string[];
  message: Message;
}

/**
 * Violations for the BREAKING changes among `changes` (others are ignored), one per change and
 * affected coordinate, in change order then coordinate order.
 */
export async function checkProtectedFields(
  changes: readonly SchemaChange[],
  sources: ProtectionSources,
): Promise<ProtectedFieldViolation[]> {
  const breaking = changes.filter((change) => change.criticality === 'BREAKING');
  const coordinates = [...new Set(breaking.flatMap((change) => change.affectedCoordinates))].sort();
  if (coordinates.length === 0) return [];

  const sinceDays = sources.trafficWindowDays;
  const [grants, traffic] = await Promise.all([
    sources.activeGrants(coordinates),
    sources.recentTraffic(coordinates, sinceDays),
  ]);
  const grantsByCoordinate = groupBy(grants, (grant) => grant.coordinate);
  const trafficByCoordinate = groupBy(
    traffic.filter((entry) => entry.count > 0),
    (entry) => entry.coordinate,
  );

  const violations: ProtectedFieldViolation[] = [];
  for (const change of breaking) {
    for (const coordinate of [...new Set(change.affectedCoordinates)].sort()) {
      const holders = uniqueBy(grantsByCoordinate.get(coordinate) ?? [], (grant) => grant.clientId).map(
        ({ clientId, clientName }) => ({ clientId, clientName }),
      );
      const calls = trafficByCoordinate.get(coordinate) ?? [];
      const callTraffic =
        calls.length === 0
          ? null
          : {
              count: calls.reduce((sum, entry) => sum + entry.count, 0),
              clients: [...new Set(calls.flatMap((entry) => entry.clients))].sort(),
              sinceDays,
            };
      if (holders.length === 0 && callTraffic === null) continue;
      const requesters = [
        ...new Set([...holders.map((holder) => holder.clientName), ...(callTraffic?.clients ?? [])]),
      ];
      violations.push({
        coordinate,
        change: {
          type: change.type,
          coordinate: change.coordinate,
          message: change.message,
          messageId: change.messageId,
        },
        grants: holders,
        traffic: callTraffic,
        requesters,
        message: violationMessage(coordinate, change, holders, callTraffic),
      });
    }
  }
  return violations;
}

function violationMessage(
  coordinate: string,
  change: SchemaChange,
  holders: readonly { clientName: string }[],
  traffic: { count: number; clients: string[]; sinceDays: number } | null,
): Message {
  const id: string[] = [];
  const en: string[] = [];
  if (holders.length > 0) {
    const names = holders.map((holder) => holder.clientName).join(', ');
    id.push(`masih diberikan aksesnya kepada ${names}`);
    en.push(`is still granted to ${names}`);
  }
  if (traffic) {
    const names = traffic.clients.join(', ');
    id.push(
      `diakses ${traffic.count} kali dalam ${traffic.sinceDays} hari terakhir${names ? ` oleh ${names}` : ''}`,
    );
    en.push(
      `was called ${traffic.count} times in the last ${traffic.sinceDays} days${names ? ` by ${names}` : ''}`,
    );
  }
  return {
    id: `Perubahan yang memutus kompatibilitas menyentuh field '${coordinate}' yang ${id.join(' dan ')}. (${change.messageId})`,
    en: `A breaking change touches field '${coordinate}', which ${en.join(' and ')}. (${change.message})`,
  };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function uniqueBy<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = keyOf(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
