/** The requester's access requests with where each stands, filterable by stage and text, paged. */
import { Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMarkDecidedSeen } from '../../api/access';
import { useAccessRequests } from '../../api/accessRequests';
import type { AccessRequest } from '../../api/accessRequests';
import { DataTable } from '../../components/DataTable';
import type { Column } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { StatusBadge } from '../../components/StatusBadge';
import { useLanguage } from '../../i18n';
import { formatDate, statusLabel } from './labels';
import { isWaiting, stageOf } from './stage';

type Filter = 'all' | 'waiting' | 'decided';

export function Requests() {
  const { t } = useTranslation('requester');
  const language = useLanguage();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const initial = params.get('tampil');
  const [filter, setFilter] = useState<Filter>(initial === 'waiting' || initial === 'decided' ? initial : 'all');
  const requests = useAccessRequests();
  const markSeen = useMarkDecidedSeen();
  const { mutate: markDecidedSeen } = markSeen;

  // Opening the list is seeing the decisions: the navigation's count of new ones starts again.
  useEffect(() => {
    if (requests.data) markDecidedSeen();
  }, [requests.data, markDecidedSeen]);

  const rows = (requests.data ?? [])
    .filter((request) => filter === 'all' || isWaiting(stageOf(request)) === (filter === 'waiting'))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  const columns: Column<AccessRequest>[] = [
    { key: 'createdAt', title: t('requests.createdAt'), render: (row) => formatDate(row.createdAt, language) },
    { key: 'graph', title: t('requests.graph'), render: (row) => row.graph, text: (row) => row.graph },
    { key: 'client', title: t('requests.client'), render: (row) => <Text size="sm">{row.client.name}</Text>, text: (row) => row.client.name },
    { key: 'purpose', title: t('requests.purpose'), render: (row) => <Text size="sm" lineClamp={2}>{row.purpose}</Text>, text: (row) => `${row.purpose} ${row.items.map((item) => item.coordinate).join(' ')}` },
    { key: 'fields', title: t('requests.fields'), render: (row) => row.items.length },
    {
      key: 'status',
      title: t('requests.status'),
      render: (row) => <StatusBadge status={stageOf(row)} label={statusLabel(t, stageOf(row))} />,
      text: (row) => statusLabel(t, stageOf(row)),
    },
  ];

  return (
    <Stack>
      <PageHeader
        title={t('requests.title')}
        description={t('requests.description')}
        actions={
          <Button component={Link} to="/pemohon/permohonan/baru" data-testid="requests-new">
            {t('requests.new')}
          </Button>
        }
      />
      <Group>
        <SegmentedControl
          value={filter}
          data-testid="requests-stage"
          onChange={(value) => {
            setFilter(value as Filter);
            setParams(value === 'all' ? {} : { tampil: value }, { replace: true });
          }}
          data={[
            { value: 'all', label: t('requests.all') },
            { value: 'waiting', label: t('requests.waiting') },
            { value: 'decided', label: t('requests.decided') },
          ]}
        />
      </Group>
      {requests.error ? <ErrorAlert error={requests.error} onRetry={() => void requests.refetch()} /> : null}
      <DataTable
        testId="requests-table"
        columns={columns}
        rows={rows}
        rowKey={(row) => row.id}
        loading={requests.isLoading}
        filterable
        pageSize={20}
        empty={t('requests.empty')}
        onRowClick={(row) => void navigate(`/pemohon/permohonan/${row.id}`)}
      />
    </Stack>
  );
}
