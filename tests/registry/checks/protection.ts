import type { GrantHolder, ProtectionSources, TrafficSummary } from '../../../registry/checks/index.ts';

/** In-memory grant and access-log sources, recording what they were asked. */
export function inMemoryProtection(grants: GrantHolder[], traffic: TrafficSummary[], trafficWindowDays = 30) {
  const calls: { grants: string[][]; traffic: { coordinates: string[]; sinceDays: number }[] } = {
    grants: [],
    traffic: [],
  };
  const sources: ProtectionSources = {
    trafficWindowDays,
    async activeGrants(coordinates) {
      calls.grants.push(coordinates);
      return grants.filter((grant) => coordinates.includes(grant.coordinate));
    },
    async recentTraffic(coordinates, sinceDays) {
      calls.traffic.push({ coordinates, sinceDays });
      return traffic.filter((entry) => coordinates.includes(entry.coordinate));
    },
  };
  return { sources, calls };
}
