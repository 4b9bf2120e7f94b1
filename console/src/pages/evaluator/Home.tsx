/**
 * The evaluator's overview of a period: the totals, requests per day as a chart drawn in the page,
 * the misuse signals with their evidence, and whether the log's chains are intact.
 */
import { BarChart } from '@mantine/charts';
import { Alert, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSignals, useStats } from '../../api/evaluation';
import { useLedgerStatus } from '../../api/ledger';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useLanguage } from '../../i18n';
import { ChainStatusCard } from './ChainStatusCard';
import { PeriodPicker, usePeriod } from './period';

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

const number = (value: number | null | undefined) => (value === null || value === undefined ? '–' : value.toLocaleString('id-ID'));

export function Home() {
  const { t } = useTranslation('evaluator');
  const language = useLanguage();
  const [period, setPeriod] = usePeriod();
  const stats = useStats(period, 'day');
  const signals = useSignals(period.from, period.to);
  const ledger = useLedgerStatus();
  const totals = stats.data?.totals;

  return (
    <Stack>
      <PageHeader title={t('home.title')} description={t('home.description')} />
      <PeriodPicker period={period} onChange={setPeriod} />
      {stats.error ? <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} /> : null}
      <SimpleGrid cols={{ base: 2, md: 3, lg: 6 }}>
        <Figure label={t('home.requests')} value={number(totals?.requests)} testId="total-requests" />
        <Figure label={t('home.fieldAccesses')} value={number(totals?.fieldAccesses)} testId="total-field-accesses" />
        <Figure label={t('home.denied')} value={number(totals?.denied)} testId="total-denied" />
        <Figure label={t('home.errors')} value={number(totals?.errors)} testId="total-errors" />
        <Figure label={t('home.clients')} value={number(totals?.clients)} testId="total-clients" />
        <Figure
          label={t('home.latency')}
          value={totals ? `${number(totals.p50Ms)} / ${number(totals.p95Ms)} ms` : '–'}
          testId="total-latency"
        />
      </SimpleGrid>
      <Paper withBorder p="md">
        <Title order={4} mb="sm">
          {t('home.perDay')}
        </Title>
        {stats.isLoading ? (
          <Loader size="sm" />
        ) : (
          <BarChart
            h={240}
            data-testid="chart-per-day"
            data={(stats.data?.rows ?? []).map((row) => ({
              day: row.key ?? '',
              [t('home.requests')]: row.requests,
              [t('home.denied')]: row.denied ?? 0,
            }))}
            dataKey="day"
            series={[
              { name: t('home.requests'), color: 'teal.6' },
              { name: t('home.denied'), color: 'red.6' },
            ]}
          />
        )}
      </Paper>
      <Paper withBorder p="md" data-testid="signals">
        <Title order={4} mb="sm">
          {t('home.signals')}
        </Title>
        {signals.error ? <ErrorAlert error={signals.error} onRetry={() => void signals.refetch()} /> : null}
        {signals.data && signals.data.signals.length === 0 ? <Text c="dimmed">{t('home.noSignals')}</Text> : null}
        <Stack gap="xs">
          {(signals.data?.signals ?? []).map((signal) => (
            <Alert key={`${signal.kind}-${signal.clientId}-${signal.day}`} color="orange" data-testid="signal">
              <Text size="sm" fw={600}>
                {signal.day} · {signal.client ?? signal.clientId}
                {signal.organization ? ` (${signal.organization})` : ''}
              </Text>
              <Text size="sm">{language === 'en' ? signal.messageEn : signal.message}</Text>
            </Alert>
          ))}
        </Stack>
      </Paper>
      <Paper withBorder p="md">
        <Title order={4} mb="sm">
          {t('home.chain')}
        </Title>
        {ledger.error ? <ErrorAlert error={ledger.error} onRetry={() => void ledger.refetch()} /> : null}
        {ledger.isLoading ? <Loader size="sm" /> : null}
        {ledger.data ? <ChainStatusCard status={ledger.data} /> : null}
      </Paper>
    </Stack>
  );
}
