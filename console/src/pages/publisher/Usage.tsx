/**
 * Who uses which of the agency's fields, from the access log: per field and client the answered
 * requests and refusals with the last of each, a summary per client, and the fields nobody used in
 * the range. The range is in WIB dates; the default is the last 30 days.
 */
import { Button, Code, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFieldUsage } from '../../api/fieldUsage';
import type { FieldUsageRow } from '../../api/fieldUsage';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useLanguage } from '../../i18n';
import { bindDraft } from '../../hooks/bindDraft';
import { ClassificationBadge } from './ClassificationBadge';
import { formatDateTime, wibDateInput } from './format';

interface ClientSummary {
  key: string;
  client: string;
  organization: string;
  fields: number;
  requests: number;
  refusals: number;
  lastAccessAt: string | null;
}

function clientLabel(row: { client: string | null; clientId: string | null }, anonymous: string): string {
  return row.client ?? (row.clientId ? row.clientId.slice(0, 8) : anonymous);
}

export function Usage() {
  const { t } = useTranslation('publisher');
  const language = useLanguage();
  const [range, setRange] = useState(() => ({
    from: wibDateInput(new Date(Date.now() - 29 * 86_400_000)),
    to: wibDateInput(new Date()),
  }));
  const [typed, setTyped] = useState(range);
  const usage = useFieldUsage(range.from, range.to);
  const anonymous = t('usage.anonymous');
  const metaOf = useMemo(() => new Map((usage.data?.fields ?? []).map((field) => [field.coordinate, field])), [usage.data]);

  const clients = useMemo(() => {
    const byClient = new Map<string, ClientSummary & { coordinates: Set<string> }>();
    for (const row of usage.data?.usage ?? []) {
      const key = row.clientId ?? '';
      const entry = byClient.get(key) ?? {
        key,
        client: clientLabel(row, anonymous),
        organization: row.organization ?? '',
        fields: 0,
        requests: 0,
        refusals: 0,
        lastAccessAt: null,
        coordinates: new Set<string>(),
      };
      entry.requests += row.requests;
      entry.refusals += row.refusals;
      if (row.requests > 0) entry.coordinates.add(row.coordinate);
      if (row.lastAccessAt && (!entry.lastAccessAt || row.lastAccessAt > entry.lastAccessAt)) entry.lastAccessAt = row.lastAccessAt;
      byClient.set(key, entry);
    }
    return [...byClient.values()]
      .map(({ coordinates, ...entry }) => ({ ...entry, fields: coordinates.size }))
      .sort((a, b) => b.requests - a.requests);
  }, [usage.data, anonymous]);

  const unused = useMemo(() => {
    const used = new Set((usage.data?.usage ?? []).filter((row) => row.requests > 0).map((row) => row.coordinate));
    return (usage.data?.fields ?? []).filter((field) => !used.has(field.coordinate));
  }, [usage.data]);

  const totals = {
    requests: (usage.data?.usage ?? []).reduce((sum, row) => sum + row.requests, 0),
    refusals: (usage.data?.usage ?? []).reduce((sum, row) => sum + row.refusals, 0),
  };

  return (
    <Stack>
      <PageHeader title={t('usage.title')} description={t('usage.description')} />
      <Group align="flex-end">
        <TextInput type="date" label={t('usage.from')} data-testid="usage-from" {...bindDraft(typed, setTyped, 'from')} />
        <TextInput type="date" label={t('usage.to')} data-testid="usage-to" {...bindDraft(typed, setTyped, 'to')} />
        <Button data-testid="usage-apply" onClick={() => setRange(typed)} loading={usage.isFetching}>
          {t('usage.apply')}
        </Button>
      </Group>
      {usage.error ? <ErrorAlert error={usage.error} onRetry={() => void usage.refetch()} /> : null}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {(
          [
            ['total-requests', t('usage.totalRequests'), totals.requests],
            ['total-refusals', t('usage.totalRefusals'), totals.refusals],
            ['client-count', t('usage.clients'), clients.length],
          ] as const
        ).map(([key, label, value]) => (
          <Stack gap={0} key={key}>
            <Text size="xs" c="dimmed">
              {label}
            </Text>
            <Text size="xl" fw={700} data-testid={`usage-${key}`}>
              {value}
            </Text>
          </Stack>
        ))}
      </SimpleGrid>

      <Title order={4}>{t('usage.byClient')}</Title>
      <DataTable<ClientSummary>
        testId="usage-clients"
        loading={usage.isLoading}
        rows={clients}
        rowKey={(row) => row.key}
        pageSize={10}
        empty={t('usage.empty')}
        columns={[
          { key: 'client', title: t('request.client'), render: (row) => (row.organization ? `${row.client} (${row.organization})` : row.client) },
          { key: 'fields', title: t('usage.fieldsUsed'), render: (row) => row.fields },
          { key: 'requests', title: t('usage.requests'), render: (row) => row.requests },
          { key: 'refusals', title: t('usage.refusals'), render: (row) => row.refusals },
          { key: 'last', title: t('usage.lastAccess'), render: (row) => formatDateTime(row.lastAccessAt, language) },
        ]}
      />

      <Title order={4}>{t('usage.byField')}</Title>
      <DataTable<FieldUsageRow>
        testId="usage-table"
        filterable
        loading={usage.isLoading}
        rows={usage.data?.usage}
        rowKey={(row) => `${row.coordinate}|${row.graph}|${row.clientId ?? ''}`}
        empty={t('usage.empty')}
        columns={[
          {
            key: 'field',
            title: t('grants.field'),
            text: (row) => row.coordinate,
            render: (row) => <Code>{row.coordinate}</Code>,
          },
          {
            key: 'classification',
            title: t('decision.classification'),
            text: (row) => metaOf.get(row.coordinate)?.classification ?? '',
            render: (row) => (
              <ClassificationBadge classification={metaOf.get(row.coordinate)?.classification} personalData={metaOf.get(row.coordinate)?.personalData ?? false} />
            ),
          },
          {
            key: 'client',
            title: t('request.client'),
            text: (row) => `${row.client ?? ''} ${row.organization ?? ''}`,
            render: (row) => clientLabel(row, anonymous),
          },
          { key: 'graph', title: t('request.graph'), text: (row) => row.graph, render: (row) => row.graph },
          { key: 'requests', title: t('usage.requests'), render: (row) => <span data-testid="usage-requests">{row.requests}</span> },
          { key: 'last', title: t('usage.lastAccess'), render: (row) => formatDateTime(row.lastAccessAt, language) },
          { key: 'refusals', title: t('usage.refusals'), render: (row) => <span data-testid="usage-refusals">{row.refusals}</span> },
          { key: 'lastRefusal', title: t('usage.lastRefusal'), render: (row) => formatDateTime(row.lastRefusalAt, language) },
        ]}
      />

      <Title order={4}>{t('usage.unused', { count: unused.length })}</Title>
      <Text size="sm" c="dimmed" data-testid="usage-unused">
        {unused.map((field) => field.coordinate).join(', ') || '—'}
      </Text>
    </Stack>
  );
}
