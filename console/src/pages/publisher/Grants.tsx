/**
 * The grants on the agency's fields: who may read which field, until when, under which request; a
 * grant still in force can be revoked with a reason (it takes effect on the client's next request).
 */
import { Anchor, Button, Code, Group, Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useGrants, useRevokeGrant } from '../../api/accessRequests';
import type { Grant } from '../../api/accessRequests';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { StatusBadge } from '../../components/StatusBadge';
import { useDraft } from '../../hooks/useDraft';
import { useLanguage } from '../../i18n';
import { bindDraft } from '../../hooks/bindDraft';
import { formatDate, formatDateTime } from './format';

function RevokeDialog({ grant, onClose }: { grant: Grant; onClose: () => void }) {
  const { t } = useTranslation('publisher');
  const revoke = useRevokeGrant();
  const [draft, setDraft, clearDraft] = useDraft<{ reason: string }>(`publisher.revoke.${grant.id}`, { reason: '' });
  return (
    <Modal opened onClose={onClose} title={t('grants.revokeTitle')} size="lg">
      <Stack gap="sm" data-testid="revoke-dialog">
        <Text size="sm">
          {t('grants.revokeWhat', { coordinate: grant.coordinate, client: grant.client.name, graph: grant.graph })}
        </Text>
        <Textarea
          label={t('grants.reason')}
          description={t('grants.reasonHint')}
          data-testid="revoke-reason"
          required
          autosize
          minRows={2}
          {...bindDraft(draft, setDraft, 'reason')}
        />
        {revoke.error ? <ErrorAlert error={revoke.error} /> : null}
        <Group justify="flex-end">
          <Button variant="subtle" color="gray" onClick={onClose}>
            {t('grants.cancel')}
          </Button>
          <Button
            color="red"
            data-testid="revoke-confirm"
            disabled={draft.reason.trim() === ''}
            loading={revoke.isPending}
            onClick={() =>
              revoke.mutate(
                { id: grant.id, reason: draft.reason.trim() },
                {
                  onSuccess: () => {
                    clearDraft();
                    onClose();
                  },
                },
              )
            }
          >
            {t('grants.revoke')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function Grants() {
  const { t } = useTranslation('publisher');
  const language = useLanguage();
  const [scope, setScope] = useState<'current' | 'all'>('current');
  const grants = useGrants({ current: scope === 'current' });
  const [revoking, setRevoking] = useState<Grant | null>(null);
  return (
    <Stack>
      <PageHeader title={t('grants.title')} description={t('grants.description')} />
      <SegmentedControl
        w="fit-content"
        data-testid="grants-scope"
        value={scope}
        onChange={(value) => setScope(value === 'all' ? 'all' : 'current')}
        data={[
          { value: 'current', label: t('grants.current') },
          { value: 'all', label: t('grants.all') },
        ]}
      />
      {grants.error ? <ErrorAlert error={grants.error} onRetry={() => void grants.refetch()} /> : null}
      <DataTable<Grant>
        testId="grant-table"
        filterable
        loading={grants.isLoading}
        rows={grants.data}
        rowKey={(row) => row.id}
        empty={t('grants.empty')}
        columns={[
          { key: 'field', title: t('grants.field'), text: (row) => row.coordinate, render: (row) => <Code>{row.coordinate}</Code> },
          { key: 'graph', title: t('request.graph'), text: (row) => row.graph, render: (row) => row.graph },
          { key: 'client', title: t('request.client'), text: (row) => row.client.name, render: (row) => row.client.name },
          { key: 'period', title: t('request.period'), render: (row) => `${formatDate(row.startsAt, language)} – ${formatDate(row.endsAt, language)}` },
          {
            key: 'grantedBy',
            title: t('grants.grantedBy'),
            text: (row) => row.grantedBy.name,
            render: (row) => (
              <Stack gap={0}>
                <Text size="sm">{row.grantedBy.name}</Text>
                <Text size="xs" c="dimmed">
                  {formatDateTime(row.createdAt, language)}
                </Text>
              </Stack>
            ),
          },
          {
            key: 'state',
            title: t('request.status'),
            text: (row) => `${row.state} ${t(`grantState.${row.state}`)}`,
            render: (row) => (
              <Stack gap={2}>
                <StatusBadge status={row.state} label={t(`grantState.${row.state}`)} />
                {row.revokeReason ? (
                  <Text size="xs" c="dimmed" data-testid="revoke-reason-shown">
                    {row.revokeReason}
                  </Text>
                ) : null}
              </Stack>
            ),
          },
          {
            key: 'actions',
            title: '',
            render: (row) => (
              <Group gap="xs" wrap="nowrap">
                <Anchor component={Link} size="sm" to={`/penerbit/permohonan/${row.requestId}`}>
                  {t('grants.request')}
                </Anchor>
                {row.state === 'active' || row.state === 'scheduled' ? (
                  <Button size="xs" color="red" variant="light" data-testid={`revoke-${row.coordinate}`} onClick={() => setRevoking(row)}>
                    {t('grants.revoke')}
                  </Button>
                ) : null}
              </Group>
            ),
          },
        ]}
      />
      {revoking ? <RevokeDialog grant={revoking} onClose={() => setRevoking(null)} /> : null}
    </Stack>
  );
}
