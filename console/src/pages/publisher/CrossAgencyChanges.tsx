/**
 * Publishes by other agencies that reach this agency's fields (an @override, a shared field, a
 * @provides/@requires), held until the agency consents: accept (a note is optional) or decline with a
 * reason. The agency's own held publishes are listed too, with whose consent they wait for.
 */
import { Badge, Button, Card, Code, Collapse, Group, SegmentedControl, Stack, Table, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCrossAgencyChanges, useDecideChange } from '../../api/crossAgencyChanges';
import type { ChangeStatus, CrossAgencyChange } from '../../api/crossAgencyChanges';
import { useUser } from '../../api/session';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { StatusBadge } from '../../components/StatusBadge';
import { useDraft } from '../../hooks/useDraft';
import { useLanguage } from '../../i18n';
import { bindDraft } from '../../hooks/bindDraft';
import { formatDateTime, pick } from './format';

const STATUS_COLOR: Record<ChangeStatus, string> = { pending: 'yellow', accepted: 'green', declined: 'red' };

function ChangeDetail({ change, agency }: { change: CrossAgencyChange; agency: string | null }) {
  const { t } = useTranslation('publisher');
  const language = useLanguage();
  const decide = useDecideChange();
  const [showSchema, setShowSchema] = useState(false);
  const [draft, setDraft, clearDraft] = useDraft<{ reason: string }>(`publisher.change.${change.id}`, { reason: '' });
  const mine = agency !== null && change.owners.includes(agency);
  const waiting = change.status === 'pending' && mine && !change.acceptedBy.includes(agency ?? '');
  return (
    <Card withBorder data-testid="change-detail">
      <Stack gap="sm">
        <Table withRowBorders={false} verticalSpacing={2}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Td w={200}>{t('changes.requestedBy')}</Table.Td>
              <Table.Td>
                {change.requestedBy} ({change.agency}) · {formatDateTime(change.createdAt, language)}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td>{t('changes.owners')}</Table.Td>
              <Table.Td>
                {change.owners.map((owner) => (
                  <Badge key={owner} mr={4} variant={change.acceptedBy.includes(owner) ? 'filled' : 'outline'} color={change.acceptedBy.includes(owner) ? 'green' : 'gray'}>
                    {owner}
                  </Badge>
                ))}
              </Table.Td>
            </Table.Tr>
            {change.decidedAt ? (
              <Table.Tr>
                <Table.Td>{t('changes.decided')}</Table.Td>
                <Table.Td>
                  {change.decidedBy} · {formatDateTime(change.decidedAt, language)} — {change.reason}
                </Table.Td>
              </Table.Tr>
            ) : null}
          </Table.Tbody>
        </Table>
        <Table striped data-testid="change-reaches">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('changes.field')}</Table.Th>
              <Table.Th>{t('changes.kind')}</Table.Th>
              <Table.Th>{t('changes.owner')}</Table.Th>
              <Table.Th>{t('changes.what')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {change.reaches.map((reach) => (
              <Table.Tr key={`${reach.kind}-${reach.coordinate}-${reach.ownerAgency}`}>
                <Table.Td>
                  <Code>{reach.coordinate}</Code>
                </Table.Td>
                <Table.Td>{reach.kind}</Table.Td>
                <Table.Td>
                  {reach.ownerAgency} / {reach.ownerSubgraph}
                </Table.Td>
                <Table.Td>{pick(reach.message, language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Button variant="subtle" size="xs" w="fit-content" onClick={() => setShowSchema((value) => !value)} data-testid="change-show-schema">
          {showSchema ? t('changes.hideSchema') : t('changes.showSchema')}
        </Button>
        <Collapse expanded={showSchema}>
          <Code block style={{ maxHeight: 400, overflow: 'auto' }}>
            {change.schema}
          </Code>
        </Collapse>
        {waiting ? (
          <Stack gap="xs">
            <Textarea
              label={t('changes.reason')}
              description={t('changes.reasonHint')}
              data-testid="change-reason"
              autosize
              minRows={2}
              {...bindDraft(draft, setDraft, 'reason')}
            />
            {decide.error ? <ErrorAlert error={decide.error} /> : null}
            <Group>
              <Button
                color="green"
                data-testid="change-accept"
                loading={decide.isPending && decide.variables?.decision === 'accept'}
                disabled={decide.isPending}
                onClick={() => decide.mutate({ id: change.id, decision: 'accept', reason: draft.reason.trim() }, { onSuccess: clearDraft })}
              >
                {t('changes.accept')}
              </Button>
              <Button
                color="red"
                variant="light"
                data-testid="change-decline"
                disabled={decide.isPending || draft.reason.trim().length < 3}
                loading={decide.isPending && decide.variables?.decision === 'decline'}
                onClick={() => decide.mutate({ id: change.id, decision: 'decline', reason: draft.reason.trim() }, { onSuccess: clearDraft })}
              >
                {t('changes.decline')}
              </Button>
            </Group>
          </Stack>
        ) : change.status === 'pending' && !mine ? (
          <Text size="sm" c="dimmed">
            {t('changes.waitingForOthers')}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

export function CrossAgencyChanges() {
  const { t } = useTranslation('publisher');
  const language = useLanguage();
  const user = useUser();
  const [status, setStatus] = useState<ChangeStatus | 'all'>('pending');
  const [open, setOpen] = useState<string | null>(null);
  const changes = useCrossAgencyChanges(status);
  const rows = changes.data?.changes;
  const chosen = rows?.find((change) => change.id === open) ?? null;
  return (
    <Stack>
      <PageHeader title={t('changes.title')} description={t('changes.description')} />
      <SegmentedControl
        w="fit-content"
        data-testid="changes-status"
        value={status}
        onChange={(value) => setStatus(value as ChangeStatus | 'all')}
        data={(['pending', 'accepted', 'declined', 'all'] as const).map((value) => ({ value, label: t(`changes.status.${value}`) }))}
      />
      {changes.error ? <ErrorAlert error={changes.error} onRetry={() => void changes.refetch()} /> : null}
      <DataTable<CrossAgencyChange>
        testId="change-table"
        filterable
        loading={changes.isLoading}
        rows={rows}
        rowKey={(row) => row.id}
        onRowClick={(row) => setOpen(row.id === open ? null : row.id)}
        empty={t('changes.empty')}
        columns={[
          { key: 'subgraph', title: t('changes.subgraph'), text: (row) => `${row.subgraph} ${row.agency}`, render: (row) => `${row.subgraph} (${row.agency})` },
          {
            key: 'fields',
            title: t('changes.fields'),
            text: (row) => row.reaches.map((reach) => reach.coordinate).join(' '),
            render: (row) => row.reaches.map((reach) => reach.coordinate).join(', '),
          },
          { key: 'created', title: t('changes.createdAt'), render: (row) => formatDateTime(row.createdAt, language) },
          {
            key: 'status',
            title: t('request.status'),
            render: (row) => (
              <Badge color={STATUS_COLOR[row.status]} variant="light">
                {t(`changes.status.${row.status}`)}
              </Badge>
            ),
          },
          {
            key: 'open',
            title: '',
            render: (row) => (
              <StatusBadge
                status={row.owners.includes(user.agencySlug ?? '') && row.status === 'pending' && !row.acceptedBy.includes(user.agencySlug ?? '') ? 'pending' : 'ok'}
                label={row.owners.includes(user.agencySlug ?? '') ? t('changes.yourConsent') : t('changes.yourRequest')}
              />
            ),
          },
        ]}
      />
      {chosen ? <ChangeDetail key={chosen.id} change={chosen} agency={user.agencySlug} /> : null}
    </Stack>
  );
}
