/** Who uses which of the agency's fields (GET /v1/field-usage, read from the access log). */
import { useQuery } from '@tanstack/react-query';
import { get } from './client';

export interface AgencyField {
  coordinate: string;
  classification: string;
  personalData: boolean;
  description: string;
}

export interface FieldUsageRow {
  coordinate: string;
  graph: string;
  clientId: string | null;
  client: string | null;
  organization: string | null;
  requests: number;
  lastAccessAt: string | null;
  refusals: number;
  lastRefusalAt: string | null;
}

export interface FieldUsage {
  agency: { slug: string; name: string };
  from: string;
  to: string;
  fields: AgencyField[];
  usage: FieldUsageRow[];
}

/** `from`/`to` as typed dates (2026-12-01, WIB); empty for the registry's default (the last 30 days). */
export function useFieldUsage(from: string, to: string) {
  return useQuery({
    queryKey: ['field-usage', from, to],
    queryFn: () => get<FieldUsage>('/v1/field-usage', { query: { from, to } }),
    staleTime: 30_000,
  });
}
