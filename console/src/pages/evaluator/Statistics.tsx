/** Aggregates of the log per group, as a chart drawn in the page and a table. */
import { BarChart } from '@mantine/charts';
import { Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { statsGroups, useStats } from '../../api/evaluation';
import type { StatsGroup, StatsRow } from '../../api/evaluation';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PeriodPicker, usePeriod } from './period';

const CHART_ROWS = 20;

export function Statistics() {
  const { t } = useTranslation('evaluator');
  const [period, setPeriod] = usePeriod();
  const [groupBy, setGroupBy] = useState<StatsGroup>('agency');
  const stats = useStats(period, groupBy);
  const label = (row: StatsRow) => row.label ?? row.key ?? '–';

  return (
    <Stack>
      <PageHeader title={t('stats.title')} description={t('stats.description')} />
      <PeriodPicker period={period} onChange={setPeriod} />
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('stats.groupBy')}
        </Text>
        <SegmentedControl
          data-testid="stats-group"
          value={groupBy}
          onChange={(value) => setGroupBy(value as StatsGroup)}
          data={statsGroups.map((group) => ({ value: group, label: t(`stats.groups.${group}`) }))}
        />
      </Stack>
      {stats.error ? <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} /> : null}
      <Paper withBorder p="md">
        <BarChart
          h={280}
          data-testid="stats-chart"
          data={(stats.data?.rows ?? []).slice(0, CHART_ROWS).map((row) => ({
            group: label(row),
            [t('stats.requests')]: row.requests,
            [t('stats.denied')]: row.denied ?? 0,
          }))}
          dataKey="group"
          series={[
            { name: t('stats.requests'), color: 'teal.6' },
            { name: t('stats.denied'), color: 'red.6' },
          ]}
        />
      </Paper>
      <DataTable<StatsRow>
        testId="stats-table"
        filterable
        rows={stats.data?.rows}
        loading={stats.isFetching}
        rowKey={(row) => `${row.key ?? 'none'}`}
        columns={[
          { key: 'key', title: t('stats.key'), render: label, text: label },
          { key: 'requests', title: t('stats.requests'), render: (row) => row.requests.toLocaleString('id-ID') },
          { key: 'denied', title: t('stats.denied'), render: (row) => (row.denied ?? 0).toLocaleString('id-ID') },
          { key: 'errors', title: t('stats.errors'), render: (row) => (row.errors ?? 0).toLocaleString('id-ID') },
          { key: 'clients', title: t('stats.clients'), render: (row) => (row.clients ?? '–').toString() },
          ...(groupBy === 'field'
            ? [
                { key: 'classification', title: t('stats.classification'), render: (row: StatsRow) => row.classification ?? '–' },
                { key: 'personal', title: t('stats.personalData'), render: (row: StatsRow) => (row.personalData ? t('stats.yes') : '–') },
              ]
            : []),
          { key: 'p95', title: t('stats.p95'), render: (row) => (row.p95Ms ?? '–').toString() },
        ]}
      />
    </Stack>
  );
}
