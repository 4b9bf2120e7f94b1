/**
 * Searching the access log: the period and filters (kept across a session expiry), pages by the
 * API's cursor, and each record's details in a drawer. A NIK is found through its lookup hash: the
 * log never holds the value itself.
 */
import { Button, Code, Drawer, Grid, Group, MultiSelect, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { outcomes, useLogPage, useStats } from '../../api/evaluation';
import type { LogFilter, LogRecord, Outcome } from '../../api/evaluation';
import { useAgencies } from '../../api/adminCatalogue';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { StatusBadge } from '../../components/StatusBadge';
import { useDraft } from '../../hooks/useDraft';
import { PeriodPicker, usePeriod } from './period';

const PAGE_SIZE = 50;

interface Filters {
  clientId: string;
  agency: string;
  coordinate: string;
  outcome: Outcome[];
  operationName: string;
  value: string;
}

const emptyFilters: Filters = { clientId: '', agency: '', coordinate: '', outcome: [], operationName: '', value: '' };

export function wibTime(iso: string): string {
  return new Date(iso).toLocaleString('id-ID', { timeZone: 'Asia/Jakarta', dateStyle: 'short', timeStyle: 'medium' });
}

export function LogSearch() {
  const { t } = useTranslation('evaluator');
  const [period, setPeriod] = usePeriod();
  const [filters, setFilters, clearFilters] = useDraft<Filters>('evaluator.log', emptyFilters);
  const [applied, setApplied] = useState<Filters>(filters);
  // The cursors of the pages seen so far: going back re-reads the page from its cursor.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [selected, setSelected] = useState<LogRecord | null>(null);
  const agencies = useAgencies();
  const clients = useStats(period, 'client', 1000);

  const filter: LogFilter = {
    from: period.from,
    to: period.to,
    ...(applied.clientId ? { clientId: applied.clientId } : {}),
    ...(applied.agency ? { agency: applied.agency } : {}),
    ...(applied.coordinate.trim() ? { coordinate: applied.coordinate.trim() } : {}),
    ...(applied.outcome.length > 0 ? { outcome: applied.outcome } : {}),
    ...(applied.operationName.trim() ? { operationName: applied.operationName.trim() } : {}),
    ...(applied.value.trim() ? { value: applied.value.trim() } : {}),
  };
  const cursor = cursors[cursors.length - 1] ?? null;
  const page = useLogPage(filter, cursor, PAGE_SIZE);

  const search = () => {
    setApplied(filters);
    setCursors([null]);
  };

  return (
    <Stack>
      <PageHeader title={t('log.title')} description={t('log.description')} />
      <form
        data-testid="log-filters"
        onSubmit={(event) => {
          event.preventDefault();
          search();
        }}
      >
        <Stack gap="sm">
          <PeriodPicker
            period={period}
            onChange={(next) => {
              setPeriod(next);
              setCursors([null]);
            }}
          />
          <Grid>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Select
                label={t('log.client')}
                clearable
                searchable
                value={filters.clientId || null}
                data-testid="filter-client"
                data={(clients.data?.rows ?? [])
                  .filter((row) => row.key)
                  .map((row) => ({ value: row.key ?? '', label: row.label ?? row.key ?? '' }))}
                onChange={(value) => setFilters({ ...filters, clientId: value ?? '' })}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Select
                label={t('log.agency')}
                clearable
                searchable
                value={filters.agency || null}
                data-testid="filter-agency"
                data={(agencies.data ?? []).map((agency) => ({ value: agency.slug, label: agency.name }))}
                onChange={(value) => setFilters({ ...filters, agency: value ?? '' })}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <MultiSelect
                label={t('log.outcome')}
                value={filters.outcome}
                data-testid="filter-outcome"
                data={outcomes.map((outcome) => ({ value: outcome, label: t(`outcomes.${outcome}`) }))}
                onChange={(value) => setFilters({ ...filters, outcome: value as Outcome[] })}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <TextInput
                label={t('log.coordinate')}
                placeholder="Penduduk.nama"
                value={filters.coordinate}
                maxLength={200}
                data-testid="filter-coordinate"
                onChange={(event) => setFilters({ ...filters, coordinate: event.currentTarget.value })}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <TextInput
                label={t('log.operationName')}
                value={filters.operationName}
                maxLength={200}
                data-testid="filter-operation"
                onChange={(event) => setFilters({ ...filters, operationName: event.currentTarget.value })}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <TextInput
                label={t('log.value')}
                value={filters.value}
                maxLength={200}
                data-testid="filter-value"
                onChange={(event) => setFilters({ ...filters, value: event.currentTarget.value })}
              />
            </Grid.Col>
          </Grid>
          <Group>
            <Button type="submit" data-testid="log-search">
              {t('log.search')}
            </Button>
            <Button
              variant="subtle"
              onClick={() => {
                clearFilters();
                setApplied(emptyFilters);
                setCursors([null]);
              }}
            >
              {t('log.reset')}
            </Button>
          </Group>
        </Stack>
      </form>
      {page.error ? <ErrorAlert error={page.error} onRetry={() => void page.refetch()} /> : null}
      <DataTable<LogRecord>
        testId="log-records"
        rows={page.data?.records}
        loading={page.isFetching}
        rowKey={(record) => String(record.seq)}
        onRowClick={setSelected}
        pageSize={PAGE_SIZE}
        columns={[
          { key: 'time', title: t('log.time'), render: (record) => wibTime(record.occurredAt) },
          { key: 'client', title: t('log.client'), render: (record) => record.clientName ?? '–' },
          { key: 'operation', title: t('log.operationName'), render: (record) => record.operationName ?? '–' },
          {
            key: 'fields',
            title: t('log.fields'),
            render: (record) => (
              <Text size="xs" lineClamp={2}>
                {record.coordinates.join(', ')}
              </Text>
            ),
          },
          {
            key: 'denied',
            title: t('log.deniedFields'),
            render: (record) => (
              <Text size="xs" c="red" data-testid="denied-fields">
                {record.deniedCoordinates.join(', ')}
              </Text>
            ),
          },
          {
            key: 'outcome',
            title: t('log.outcome'),
            render: (record) => (
              <StatusBadge status={record.outcome === 'ok' ? 'ok' : record.outcome === 'denied' ? 'rejected' : 'failed'} label={t(`outcomes.${record.outcome}`)} />
            ),
          },
          { key: 'duration', title: t('log.duration'), render: (record) => `${record.durationMs} ms` },
        ]}
      />
      <Group justify="space-between">
        <Button variant="default" disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          ← {t('common:common.previous')}
        </Button>
        {page.data && page.data.nextCursor === null ? (
          <Text size="sm" c="dimmed">
            {t('log.end')}
          </Text>
        ) : null}
        <Button
          variant="default"
          data-testid="log-next"
          disabled={!page.data?.nextCursor}
          onClick={() => page.data?.nextCursor && setCursors([...cursors, page.data.nextCursor])}
        >
          {t('common:common.next')} →
        </Button>
      </Group>
      <Drawer
        opened={selected !== null}
        onClose={() => setSelected(null)}
        position="right"
        size="lg"
        title={selected ? t('log.detail', { seq: selected.seq }) : ''}
      >
        {selected ? <RecordDetail record={selected} /> : null}
      </Drawer>
    </Stack>
  );
}

function RecordDetail({ record }: { record: LogRecord }) {
  const { t } = useTranslation('evaluator');
  const rows: [string, string][] = [
    [t('log.time'), wibTime(record.occurredAt)],
    [t('log.requestId'), record.requestId],
    [t('log.client'), record.clientName ?? '–'],
    [t('log.graph'), record.graph],
    [t('log.operationName'), record.operationName ?? '–'],
    [t('log.outcome'), t(`outcomes.${record.outcome}`)],
    [t('log.errorCode'), record.errorCode ?? '–'],
    [t('log.fields'), record.coordinates.join(', ') || '–'],
    [t('log.deniedFields'), record.deniedCoordinates.join(', ') || '–'],
    [t('log.subgraphs'), record.subgraphNames.join(', ') || '–'],
    [t('log.duration'), `${record.durationMs} ms`],
    [t('log.address'), record.clientAddress],
    [t('log.hash'), record.hash],
  ];
  return (
    <Stack data-testid="record-detail">
      <Table>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={180}>{label}</Table.Th>
              <Table.Td style={{ wordBreak: 'break-all' }}>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text fw={600}>{t('log.variables')}</Text>
      <Code block>{JSON.stringify(record.variables, null, 2)}</Code>
    </Stack>
  );
}
