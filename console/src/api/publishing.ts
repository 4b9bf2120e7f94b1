/**
 * The metadata repository as a publisher reads it: its agency's subgraphs, their versions with the
 * stored diff and check report, the newest SDL, and the dry-run check of a new schema.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { get, post } from './client';

export type Criticality = 'BREAKING' | 'DANGEROUS' | 'SAFE';

export interface SchemaChange {
  type: string;
  criticality: Criticality;
  message: string;
  messageId: string;
  coordinate: string | null;
  path: string | null;
  reason: string | null;
  affectedCoordinates: string[];
}

export interface Message {
  id: string;
  en: string;
}

export interface PublishReport {
  passed: boolean;
  subgraph: string;
  summary: Message;
  composition: {
    graph: string;
    ok: boolean;
    errors: { message: string; code: string; locations?: { line: number; column: number }[] }[];
    hints: { message: string; code: string; coordinate?: string }[];
    leaving: boolean;
  }[];
  breaking: boolean;
  changes: SchemaChange[];
  protectedViolations: {
    coordinate: string;
    change: { type: string; coordinate: string | null; message: string; messageId: string };
    grants: { clientId: string; clientName: string }[];
    traffic: { count: number; clients: string[]; sinceDays: number } | null;
    requesters: string[];
    message: Message;
  }[];
  diff: string;
  sdlDiff: string;
  override: { reason: string; actor: string } | null;
  crossAgency: {
    kind: 'override' | 'shared' | 'provides' | 'requires';
    coordinate: string;
    ownerAgency: string;
    ownerAgencyName: string;
    ownerSubgraph: string;
    message: Message;
  }[];
  routing: { previousUrl: string | null; url: string; changed: boolean; allowedPrefixes: string[] | null };
}

export interface SubgraphSummary {
  name: string;
  agency: string;
  agencyName: string;
  theme: string;
  routingUrl: string;
  description: string;
  contact: string;
}

export interface SubgraphListItem extends SubgraphSummary {
  latestVersion: number | null;
  publishedAt: string | null;
  retiredAt: string | null;
}

export interface VersionSummary {
  version: number;
  sdlHash: string;
  routingUrl: string;
  author: string | null;
  createdAt: string;
  overrideReason: string | null;
  changes: { breaking: number; dangerous: number; safe: number };
}

export interface VersionDetail {
  subgraph: string;
  version: number;
  sdl: string;
  sdlHash: string;
  routingUrl: string;
  author: string | null;
  createdAt: string;
  overrideReason: string | null;
  /** The report of the publish that stored this version (absent for versions stored before reports were kept). */
  checks: PublishReport | null;
  changes: SchemaChange[];
  diff: { summary: string; lines: string };
}

export interface CheckInput {
  name: string;
  theme: string;
  routingUrl: string;
  schema: string;
  description?: string;
  contact?: string;
}

export interface CheckResult {
  passed: boolean;
  unchanged: boolean;
  overridable: boolean;
  report: PublishReport;
}

export function useAgencySubgraphs(agency: string | null) {
  return useQuery({
    queryKey: ['subgraphs', agency],
    queryFn: () => get<{ subgraphs: SubgraphListItem[] }>('/v1/subgraphs', { query: { agency } }),
    enabled: agency !== null,
  });
}

export function useSubgraphVersions(name: string) {
  return useQuery({
    queryKey: ['subgraph-versions', name],
    queryFn: () =>
      get<{ subgraph: SubgraphSummary; versions: VersionSummary[] }>(`/v1/subgraphs/${encodeURIComponent(name)}/versions`),
  });
}

export function useSubgraphVersion(name: string, version: number | null) {
  return useQuery({
    queryKey: ['subgraph-version', name, version],
    queryFn: () => get<VersionDetail>(`/v1/subgraphs/${encodeURIComponent(name)}/versions/${version}`),
    enabled: version !== null,
  });
}

export function useLatestSdl(name: string | null) {
  return useQuery({
    queryKey: ['subgraph-sdl', name],
    queryFn: () => get<string>(`/v1/subgraphs/${encodeURIComponent(name ?? '')}/sdl`),
    enabled: name !== null && name !== '',
    retry: false,
  });
}

export function useCheckSubgraph() {
  return useMutation({ mutationFn: (input: CheckInput) => post<CheckResult>('/v1/subgraphs/check', input) });
}
