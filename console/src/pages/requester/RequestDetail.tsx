/**
 * One access request as its requester follows it: each field's status, the administrator's decision
 * and each agency's, with their reasons and the conditions attached, and the grants given. Every
 * reason is someone's text: shown as text.
 */
import { Anchor, Button, Card, Code, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAccessRequest } from '../../api/accessRequests';
import type { AccessRequest, Grant } from '../../api/accessRequests';
import { DataTable } from '../../components/DataTable';
import type { Column } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { StatusBadge } from '../../components/StatusBadge';
import { useLanguage } from '../../i18n';
import { formatDate, formatDateTime, statusLabel } from './labels';
import { stageOf } from './stage';

type Item = AccessRequest['items'][number];

function hasConditions(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (Array.isArray(value)) return value.length > 0;
  return typeof value === 'object' && Object.keys(value).length > 0;
}

function Conditions({ value }: { value: unknown }) {
  const { t } = useTranslation('requester');
  if (!hasConditions(value)) return <Text size="sm" c="dimmed">{t('detail.noConditions')}</Text>;
  return (
    <Code block data-testid="conditions">
      {JSON.stringify(value, null, 2)}
    </Code>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

export function RequestDetail() {
  const { id = '' } = useParams();
  const { t } = useTranslation('requester');
  const language = useLanguage();
  const request = useAccessRequest(id);

  if (request.error) {
    return (
      <Stack>
        <PageHeader title={t('detail.title')} />
        <ErrorAlert error={request.error} onRetry={() => void request.refetch()} />
        <Anchor component={Link} to="/pemohon/permohonan">
          {t('detail.back')}
        </Anchor>
      </Stack>
    );
  }
  const data = request.data;
  if (!data) return <PageHeader title={t('detail.title')} description={t('common.loading', { ns: 'common' })} />;
  const stage = stageOf(data);

  const itemColumns: Column<Item>[] = [
    { key: 'coordinate', title: t('detail.field'), render: (item) => <Text fw={500}>{item.coordinate}</Text>, text: (item) => item.coordinate },
    { key: 'agency', title: t('detail.agency'), render: (item) => item.agency.name, text: (item) => item.agency.name },
    {
      key: 'status',
      title: t('detail.status'),
      render: (item) => <StatusBadge status={item.status} label={statusLabel(t, `item_${item.status}`)} />,
      text: (item) => statusLabel(t, `item_${item.status}`),
    },
  ];
  const grantColumns: Column<Grant>[] = [
    { key: 'coordinate', title: t('detail.field'), render: (grant) => grant.coordinate, text: (grant) => grant.coordinate },
    { key: 'agency', title: t('detail.agency'), render: (grant) => grant.agency.name, text: (grant) => grant.agency.name },
    { key: 'period', title: t('detail.period'), render: (grant) => `${formatDate(grant.startsAt, language)} – ${formatDate(grant.endsAt, language)}` },
    { key: 'state', title: t('detail.status'), render: (grant) => <StatusBadge status={grant.state} label={statusLabel(t, `grant_${grant.state}`)} /> },
    {
      key: 'revoke',
      title: t('detail.revokeReason'),
      render: (grant) => <Text size="sm">{grant.revokeReason ?? ''}</Text>,
    },
    { key: 'conditions', title: t('detail.conditions'), render: (grant) => <Conditions value={grant.conditions} /> },
  ];

  return (
    <Stack>
      <PageHeader
        title={t('detail.title')}
        description={`${data.client.name} · ${data.graph}`}
        actions={
          <>
            <StatusBadge status={stage} label={statusLabel(t, stage)} />
            {data.grants.some((grant) => grant.state === 'active') ? (
              <Button component={Link} to="/pemohon/penjelajah" variant="light" size="xs" data-testid="detail-explore">
                {t('detail.explore')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Field label={t('detail.client')}>
            <Text size="sm">{data.client.name}</Text>
          </Field>
          <Field label={t('detail.graph')}>
            <Text size="sm">{data.graph}</Text>
          </Field>
          <Field label={t('detail.purpose')}>
            <Text size="sm" data-testid="detail-purpose" style={{ whiteSpace: 'pre-wrap' }}>
              {data.purpose}
            </Text>
          </Field>
          <Field label={t('detail.legalBasis')}>
            <Text size="sm">{data.legalBasis}</Text>
          </Field>
          <Field label={t('detail.period')}>
            <Text size="sm">
              {formatDate(data.periodStart, language)} – {formatDate(data.periodEnd, language)}
            </Text>
          </Field>
          <Field label={t('detail.quota')}>
            <Text size="sm">{data.quotaPerDay ?? t('detail.noQuota')}</Text>
          </Field>
          <Field label={t('detail.createdAt')}>
            <Text size="sm">{formatDateTime(data.createdAt, language)}</Text>
          </Field>
        </SimpleGrid>
      </Card>

      <Title order={4}>{t('detail.items')}</Title>
      <DataTable testId="detail-items" columns={itemColumns} rows={data.items} rowKey={(item) => item.id} filterable pageSize={25} />

      <Title order={4}>{t('detail.decisions')}</Title>
      <Card withBorder data-testid="detail-approval">
        {data.approval ? (
          <Stack gap="xs">
            <Group gap="xs">
              <StatusBadge status={data.approval.decision} label={statusLabel(t, data.approval.decision)} />
              <Text size="sm">
                {t('detail.by', { name: data.approval.actor.name, date: formatDateTime(data.approval.decidedAt, language) })}
              </Text>
            </Group>
            <Text size="sm" data-testid="decision-reason" style={{ whiteSpace: 'pre-wrap' }}>
              {data.approval.reason}
            </Text>
            <Text size="xs" c="dimmed">
              {t('detail.conditions')}
            </Text>
            <Conditions value={data.approval.conditions} />
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {t('detail.awaitingAdministrator')}
          </Text>
        )}
      </Card>
      {data.agencyDecisions.map((decision) => (
        <Card withBorder key={`${decision.agency.id}-${decision.decidedAt}`} data-testid="detail-agency-decision">
          <Stack gap="xs">
            <Group gap="xs">
              <Text fw={500} size="sm">
                {decision.agency.name}
              </Text>
              <StatusBadge status={decision.decision} label={statusLabel(t, decision.decision)} />
              <Text size="sm" c="dimmed">
                {t('detail.by', { name: decision.actor.name, date: formatDateTime(decision.decidedAt, language) })}
              </Text>
            </Group>
            <Text size="sm" data-testid="decision-reason" style={{ whiteSpace: 'pre-wrap' }}>
              {decision.reason}
            </Text>
          </Stack>
        </Card>
      ))}

      <Title order={4}>{t('detail.grants')}</Title>
      <DataTable testId="detail-grants" columns={grantColumns} rows={data.grants} rowKey={(grant) => grant.id} filterable pageSize={25} empty={t('detail.noGrants')} />
      <Anchor component={Link} to="/pemohon/permohonan">
        {t('detail.back')}
      </Anchor>
    </Stack>
  );
}
