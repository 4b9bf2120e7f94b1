/** Who uses which of the agency's fields (GET /v1/field-usage, read from the access log). */
import { useQuery } from '@tanstack/react-query';
import { get } from './client';
import type { components } from './openapi';

export type FieldUsage = components['schemas']['FieldUsage'];
export type AgencyField = FieldUsage['fields'][number];
export type FieldUsageRow = FieldUsage['usage'][number];

/** `from`/`to` as typed dates (2026-12-01, WIB); empty for the registry's default (the last 30 days). */
export function useFieldUsage(from: string, to: string) {
  return useQuery({
    queryKey: ['field-usage', from, to],
    queryFn: () => get<FieldUsage>('/v1/field-usage', { query: { from, to } }),
    staleTime: 30_000,
  });
}
