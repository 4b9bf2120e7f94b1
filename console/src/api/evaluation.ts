/** The evaluator's calls: log search, aggregates, misuse signals, the chain verification. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiUrl, get } from './client';
import type { components } from './openapi';

export const outcomes = ['ok', 'partial', 'denied', 'error', 'unauthenticated'] as const;
export type Outcome = (typeof outcomes)[number];

export interface LogFilter {
  from: string;
  to: string;
  clientId?: string;
  agency?: string;
  graph?: string;
  coordinate?: string;
  outcome?: Outcome[];
  operationName?: string;
  value?: string;
}

export type LogPage = components['schemas']['LogPage'];
export type LogRecord = LogPage['records'][number];

export const statsGroups = ['day', 'client', 'agency', 'field', 'operation', 'subgraph'] as const;
export type StatsGroup = (typeof statsGroups)[number];

export interface StatsTotals {
  requests: number;
  fieldAccesses: number;
  denied: number;
  errors: number;
  partial: number;
  unauthenticated: number;
  clients: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

export interface StatsRow {
  key: string | null;
  label: string | null;
  requests: number;
  fieldAccesses?: number;
  denied?: number;
  errors?: number;
  errorRate?: number;
  clients?: number;
  agency?: string | null;
  personalData?: boolean;
  classification?: string | null;
  p50Ms: number | null;
  p95Ms: number | null;
}

export interface Stats {
  groupBy: StatsGroup;
  from: string;
  to: string;
  totals: StatsTotals;
  rows: StatsRow[];
}

export interface Signal {
  kind: 'volume' | 'denied' | 'offHours' | 'quota';
  clientId: string;
  client: string | null;
  organization: string | null;
  day: string;
  message: string;
  messageEn: string;
  evidence: Record<string, number | string | null>;
}

export interface Signals {
  from: string;
  to: string;
  thresholds: Record<string, number>;
  signals: Signal[];
}

/** The filter as query parameters (repeatable keys repeated), for the API and for download links. */
export function filterParams(filter: LogFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else params.set(key, String(value).trim());
  }
  return params;
}

function withParams(path: string, params: URLSearchParams): string {
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export function useLogPage(filter: LogFilter, cursor: string | null, limit: number) {
  const params = filterParams(filter);
  params.set('limit', String(limit));
  if (cursor) params.set('cursor', cursor);
  return useQuery({
    queryKey: ['log-records', params.toString()],
    queryFn: () => get<LogPage>(withParams('/v1/log/records', params)),
    placeholderData: keepPreviousData,
  });
}

export function useStats(filter: LogFilter, groupBy: StatsGroup, limit = 100) {
  const params = filterParams(filter);
  params.set('groupBy', groupBy);
  params.set('limit', String(limit));
  return useQuery({
    queryKey: ['log-stats', params.toString()],
    queryFn: () => get<Stats>(withParams('/v1/log/stats', params)),
    placeholderData: keepPreviousData,
  });
}

export function useSignals(from: string, to: string) {
  return useQuery({
    queryKey: ['log-signals', from, to],
    queryFn: () => get<Signals>(apiUrl('/v1/log/signals', { from, to })),
  });
}

export function csvExportUrl(filter: LogFilter, language: 'id' | 'en', separator: ',' | ';'): string {
  const params = filterParams(filter);
  params.set('lang', language);
  params.set('separator', separator);
  return withParams('/v1/log/export.csv', params);
}

export interface ReportLines {
  region?: string;
  head?: string;
  place?: string;
  signerName?: string;
  signerTitle?: string;
  signerNip?: string;
}

export function reportUrl(from: string, to: string, format: 'html' | 'pdf', language: 'id' | 'en', lines: ReportLines): string {
  const params = new URLSearchParams({ from, to, format, lang: language });
  for (const [key, value] of Object.entries(lines)) if (value && value.trim() !== '') params.set(key, value.trim());
  return withParams('/v1/log/report', params);
}

/** Today and `days` before it as YYYY-MM-DD in Western Indonesia Time (UTC+7), the log's calendar. */
export function defaultPeriod(days = 7): { from: string; to: string } {
  const wib = (date: Date) => new Date(date.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
  const now = new Date();
  return { from: wib(new Date(now.getTime() - days * 86_400_000)), to: wib(now) };
}
