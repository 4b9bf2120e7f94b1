/**
 * The agency's inbox: approved access requests touching its fields that wait for its grant (or, with
 * the switch, every request that touched them). A row opens the decision page.
 */
import { Anchor, Badge, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAccessRequests } from '../../api/accessRequests';
import type { AccessRequest } from '../../api/accessRequests';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { StatusBadge } from '../../components/StatusBadge';
import { useLanguage } from '../../i18n';
import { formatDate, formatDateTime } from './format';

export function RequestInbox() {
  const { t } = useTranslation('publisher');
  const language = useLanguage();
  const navigate = useNavigate();
  const [scope, setScope] = useState<'awaiting' | 'all'>('awaiting');
  const requests = useAccessRequests({ awaiting: scope === 'awaiting' });
  const open = (row: AccessRequest) => void navigate(`/penerbit/permohonan/${row.id}`);
  return (
    <Stack>
      <PageHeader title={t('inbox.title')} description={t('inbox.description')} />
      <SegmentedControl
        w="fit-content"
        data-testid="inbox-scope"
        value={scope}
        onChange={(value) => setScope(value === 'all' ? 'all' : 'awaiting')}
        data={[
          { value: 'awaiting', label: t('inbox.awaiting') },
          { value: 'all', label: t('inbox.all') },
        ]}
      />
      {requests.error ? <ErrorAlert error={requests.error} onRetry={() => void requests.refetch()} /> : null}
      <DataTable<AccessRequest>
        testId="request-table"
        filterable
        loading={requests.isLoading}
        rows={requests.data}
        rowKey={(row) => row.id}
        onRowClick={open}
        empty={scope === 'awaiting' ? t('inbox.emptyAwaiting') : t('inbox.empty')}
        columns={[
          {
            key: 'client',
            title: t('request.client'),
            text: (row) => `${row.client.name} ${row.client.organization} ${row.requester.name}`,
            render: (row) => (
              <Stack gap={0}>
                <Anchor component={Link} to={`/penerbit/permohonan/${row.id}`} data-testid="request-link" onClick={(event) => event.stopPropagation()}>
                  {row.client.name}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {row.requester.name} · {row.client.organization}
                </Text>
              </Stack>
            ),
          },
          {
            key: 'purpose',
            title: t('request.purpose'),
            text: (row) => `${row.purpose} ${row.legalBasis}`,
            render: (row) => (
              <Text size="sm" lineClamp={2}>
                {row.purpose}
              </Text>
            ),
          },
          {
            key: 'fields',
            title: t('request.fields'),
            text: (row) => row.items.map((item) => item.coordinate).join(' '),
            render: (row) => (
              <Badge variant="light" data-testid="request-field-count">
                {t('request.fieldCount', { count: row.items.length })}
              </Badge>
            ),
          },
          { key: 'period', title: t('request.period'), render: (row) => `${formatDate(row.periodStart, language)} – ${formatDate(row.periodEnd, language)}` },
          { key: 'graph', title: t('request.graph'), text: (row) => row.graph, render: (row) => row.graph },
          { key: 'created', title: t('request.createdAt'), render: (row) => formatDateTime(row.createdAt, language) },
          {
            key: 'status',
            title: t('request.status'),
            text: (row) => row.status,
            render: (row) => <StatusBadge status={row.status} label={t(`status.${row.status}`, { defaultValue: row.status })} />,
          },
        ]}
      />
    </Stack>
  );
}
