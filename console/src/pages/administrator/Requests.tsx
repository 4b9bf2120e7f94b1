/**
 * The administrator's inbox: access requests by status (pending first), filterable and paged; each
 * opens on its own page with the fields' classification, owners and the requester's history.
 */
import { Button, Group, SegmentedControl, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useAccessRequests } from '../../api/accessRequests';
import type { AccessRequest, RequestStatus } from '../../api/accessRequests';
import { DataTable } from '../../components/DataTable';
import type { Column } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { StatusBadge } from '../../components/StatusBadge';
import { useLanguage } from '../../i18n';
import { PurposeCell } from './PurposeCell';
import { formatDate } from './format';
import { requestPath } from './paths';

const FILTERS = ['pending', 'approved', 'rejected', 'all'] as const;
type Filter = (typeof FILTERS)[number];

export function Requests() {
  const { t } = useTranslation('administrator');
  const language = useLanguage();
  const [params, setParams] = useSearchParams();
  const filter: Filter = (FILTERS as readonly string[]).includes(params.get('status') ?? '')
    ? (params.get('status') as Filter)
    : 'pending';
  const requests = useAccessRequests({ status: filter === 'all' ? undefined : (filter as RequestStatus) });

  const columns: Column<AccessRequest>[] = [
    {
      key: 'submitted',
      title: t('requests.submitted'),
      render: (row) => formatDate(row.createdAt, language),
    },
    {
      key: 'requester',
      title: t('requests.requester'),
      render: (row) => <Text size="sm">{row.requester.name}</Text>,
      text: (row) => row.requester.name,
    },
    {
      key: 'client',
      title: t('requests.client'),
      render: (row) => (
        <>
          <Text size="sm">{row.client.name}</Text>
          {row.client.organization ? (
            <Text size="xs" c="dimmed">
              {row.client.organization}
            </Text>
          ) : null}
        </>
      ),
      text: (row) => `${row.client.name} ${row.client.organization} ${row.purpose}`,
    },
    {
      key: 'purpose',
      title: t('requests.purpose'),
      render: (row) => <PurposeCell purpose={row.purpose} />,
    },
    { key: 'graph', title: t('requests.graph'), render: (row) => row.graph, text: (row) => row.graph },
    {
      key: 'fields',
      title: t('requests.fields'),
      render: (row) => row.items.length,
      text: (row) => row.items.map((item) => `${item.coordinate} ${item.agency.name}`).join(' '),
    },
    {
      key: 'period',
      title: t('requests.period'),
      render: (row) => `${formatDate(row.periodStart, language)} – ${formatDate(row.periodEnd, language)}`,
    },
    {
      key: 'status',
      title: t('requests.status'),
      render: (row) => <StatusBadge status={row.status} label={t(`status.${row.status}`)} />,
    },
    {
      key: 'open',
      title: '',
      render: (row) => (
        <Button
          component={Link}
          to={requestPath(row.id)}
          size="xs"
          variant="light"
          data-testid="request-open"
        >
          {t('requests.open')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('requests.title')} description={t('requests.description')} />
      <Group mb="sm">
        <SegmentedControl
          aria-label={t('requests.statusFilter')}
          data-testid="request-status-filter"
          value={filter}
          onChange={(value) => setParams(value === 'pending' ? {} : { status: value })}
          data={FILTERS.map((value) => ({ value, label: t(`status.${value}`) }))}
        />
      </Group>
      {requests.error ? <ErrorAlert error={requests.error} onRetry={() => void requests.refetch()} /> : null}
      <DataTable
        testId="requests-table"
        columns={columns}
        rows={requests.data}
        rowKey={(row) => row.id}
        loading={requests.isLoading}
        filterable
        empty={filter === 'pending' ? t('requests.emptyPending') : t('requests.empty')}
      />
    </>
  );
}
