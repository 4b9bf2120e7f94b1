/**
 * One access request as the administrator decides it: who asks, for which application, why and on
 * what legal basis, for how long; each requested field with its classification and owning agency;
 * the requester's earlier requests and their outcomes; and the decision with a required reason.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Loader,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAccessRequest, useAccessRequests, useDecideRequest } from '../../api/accessRequests';
import type { AccessRequest } from '../../api/accessRequests';
import { fieldKey, useFieldFacts } from '../../api/fieldFacts';
import type { Classification } from '../../api/fieldFacts';
import { DataTable } from '../../components/DataTable';
import type { Column } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { StatusBadge } from '../../components/StatusBadge';
import { useDraft } from '../../hooks/useDraft';
import { useLanguage } from '../../i18n';
import { PurposeCell } from './PurposeCell';
import { formatDate, formatDateTime } from './format';
import { requestPath, trailPath } from './paths';

const CLASSIFICATION_COLORS: Record<Classification, string> = {
  publik: 'green',
  terbatas: 'yellow',
  rahasia: 'red',
};

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text
        component="div"
        size="sm"
        data-testid={testId}
        style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
      >
        {children}
      </Text>
    </Stack>
  );
}

type Item = AccessRequest['items'][number];

function RequestedFields({ request }: { request: AccessRequest }) {
  const { t } = useTranslation('administrator');
  const facts = useFieldFacts();
  const factOf = (item: Item) => facts.data?.get(fieldKey(item.subgraph, item.coordinate));
  const columns: Column<Item>[] = [
    {
      key: 'coordinate',
      title: t('request.coordinate'),
      render: (item) => (
        <Text size="sm" ff="monospace">
          {item.coordinate}
        </Text>
      ),
      text: (item) => item.coordinate,
    },
    {
      key: 'description',
      title: t('request.description'),
      render: (item) => factOf(item)?.description ?? '',
      text: (item) => factOf(item)?.description ?? '',
    },
    {
      key: 'owner',
      title: t('request.owner'),
      render: (item) => <span data-testid="field-owner">{item.agency.name}</span>,
      text: (item) => `${item.agency.name} ${item.agency.slug}`,
    },
    {
      key: 'classification',
      title: t('request.classification'),
      render: (item) => {
        if (facts.isLoading) return <Loader size="xs" />;
        const classification = factOf(item)?.classification;
        return (
          <Badge
            variant="light"
            color={classification ? CLASSIFICATION_COLORS[classification] : 'gray'}
            data-testid="field-classification"
            data-classification={classification ?? 'unknown'}
          >
            {t(`classification.${classification ?? 'unknown'}`)}
          </Badge>
        );
      },
      text: (item) => factOf(item)?.classification ?? '',
    },
    {
      key: 'personal',
      title: t('request.personalData'),
      render: (item) => {
        const fact = factOf(item);
        return fact ? (fact.personalData ? t('request.yes') : t('request.no')) : '—';
      },
    },
    {
      key: 'status',
      title: t('request.itemStatus'),
      render: (item) => <StatusBadge status={item.status} label={t(`itemStatus.${item.status}`)} />,
    },
  ];
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {t('request.fieldsTitle')}
      </Title>
      {facts.error ? <ErrorAlert error={facts.error} onRetry={() => void facts.refetch()} /> : null}
      <DataTable
        testId="requested-fields"
        columns={columns}
        rows={request.items}
        rowKey={(item) => item.id}
        filterable={request.items.length > 10}
        pageSize={15}
      />
    </Card>
  );
}

function RequesterHistory({ request }: { request: AccessRequest }) {
  const { t } = useTranslation('administrator');
  const language = useLanguage();
  const all = useAccessRequests();
  const earlier = (all.data ?? []).filter(
    (other) => other.requester.id === request.requester.id && other.id !== request.id,
  );
  const columns: Column<AccessRequest>[] = [
    {
      key: 'submitted',
      title: t('requests.submitted'),
      render: (row) => formatDate(row.createdAt, language),
    },
    {
      key: 'client',
      title: t('requests.client'),
      render: (row) => row.client.name,
      text: (row) => row.client.name,
    },
    {
      key: 'purpose',
      title: t('requests.purpose'),
      render: (row) => <PurposeCell purpose={row.purpose} />,
      text: (row) => row.purpose,
    },
    { key: 'graph', title: t('requests.graph'), render: (row) => row.graph, text: (row) => row.graph },
    { key: 'fields', title: t('requests.fields'), render: (row) => row.items.length },
    {
      key: 'outcome',
      title: t('request.outcome'),
      render: (row) => <StatusBadge status={row.status} label={t(`status.${row.status}`)} />,
    },
    {
      key: 'reason',
      title: t('request.reasonGiven'),
      render: (row) => row.approval?.reason ?? '',
      text: (row) => row.approval?.reason ?? '',
    },
    {
      key: 'open',
      title: '',
      render: (row) => (
        <Anchor component={Link} to={requestPath(row.id)} size="sm">
          {t('requests.open')}
        </Anchor>
      ),
    },
  ];
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {t('request.historyTitle')}
      </Title>
      {all.error ? <ErrorAlert error={all.error} onRetry={() => void all.refetch()} /> : null}
      <DataTable
        testId="requester-history"
        columns={columns}
        rows={earlier}
        rowKey={(row) => row.id}
        loading={all.isLoading}
        pageSize={10}
        empty={t('request.historyEmpty')}
      />
    </Card>
  );
}

function Decision({ request }: { request: AccessRequest }) {
  const { t } = useTranslation('administrator');
  const language = useLanguage();
  const [draft, setDraft, clearDraft] = useDraft(`admin.decision.${request.id}`, { reason: '' });
  const [invalid, setInvalid] = useState(false);
  const [done, setDone] = useState<'approve' | 'reject' | null>(null);
  const decide = useDecideRequest(request.id);

  if (request.approval) {
    return (
      <Card withBorder data-testid="decision">
        <Title order={4} mb="sm">
          {t('request.decisionTitle')}
        </Title>
        {done ? (
          <Alert color={done === 'approve' ? 'green' : 'yellow'} mb="sm" data-testid="decision-saved">
            {done === 'approve' ? t('request.decidedNow') : t('request.rejectedNow')}
          </Alert>
        ) : null}
        <Group gap="xs" mb="xs">
          <StatusBadge status={request.approval.decision} label={t(`status.${request.approval.decision}`)} />
          <Text size="sm" c="dimmed">
            {t('request.decided', {
              decision: t(`status.${request.approval.decision}`),
              actor: request.approval.actor.name,
              date: formatDateTime(request.approval.decidedAt, language),
            })}
          </Text>
        </Group>
        <Text
          size="sm"
          data-testid="decision-reason"
          style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
        >
          {request.approval.reason}
        </Text>
        {request.agencyDecisions.length > 0 ? (
          <Stack gap={4} mt="sm">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('request.agencyDecisions')}
            </Text>
            {request.agencyDecisions.map((decision) => (
              <Group key={`${decision.agency.id}-${decision.decidedAt}`} gap="xs">
                <StatusBadge status={decision.decision} label={t(`itemStatus.${decision.decision}`)} />
                <Text size="sm">
                  {decision.agency.name}: {decision.reason}
                </Text>
              </Group>
            ))}
          </Stack>
        ) : null}
        <Anchor
          component={Link}
          to={trailPath({ subject: request.id })}
          size="sm"
          mt="sm"
          data-testid="decision-trail-link"
        >
          {t('request.seeTrail')}
        </Anchor>
      </Card>
    );
  }

  const submit = (decision: 'approve' | 'reject') => {
    if (draft.reason.trim() === '') {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    decide.mutate(
      { decision, reason: draft.reason.trim() },
      {
        onSuccess: () => {
          clearDraft();
          setDone(decision);
        },
      },
    );
  };

  return (
    <Card withBorder data-testid="decision">
      <Title order={4} mb="sm">
        {t('request.decisionTitle')}
      </Title>
      <Stack>
        <Textarea
          label={t('request.reason')}
          description={t('request.reasonHint')}
          autosize
          minRows={3}
          maxLength={2000}
          required
          value={draft.reason}
          error={invalid ? t('request.reasonRequired') : undefined}
          data-testid="decision-reason-input"
          onChange={(event) => {
            const reason = event.currentTarget.value;
            setDraft((current) => ({ ...current, reason }));
          }}
        />
        {decide.error ? <ErrorAlert error={decide.error} /> : null}
        <Group>
          <Button
            color="green"
            loading={decide.isPending && decide.variables?.decision === 'approve'}
            disabled={decide.isPending}
            data-testid="approve"
            onClick={() => submit('approve')}
          >
            {t('request.approve')}
          </Button>
          <Button
            color="red"
            variant="light"
            loading={decide.isPending && decide.variables?.decision === 'reject'}
            disabled={decide.isPending}
            data-testid="reject"
            onClick={() => submit('reject')}
          >
            {t('request.reject')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

export function RequestDetail() {
  const { t } = useTranslation('administrator');
  const language = useLanguage();
  const { id = '' } = useParams();
  const request = useAccessRequest(id);

  if (request.error) {
    return (
      <Stack>
        <ErrorAlert error={request.error} onRetry={() => void request.refetch()} />
        <Button component={Link} to="/admin/permohonan" variant="light" w="fit-content">
          {t('request.back')}
        </Button>
      </Stack>
    );
  }
  if (!request.data) return <Text c="dimmed">{t('common:common.loading')}</Text>;
  const data = request.data;

  return (
    <Stack data-testid="request-detail" data-request-status={data.status}>
      <PageHeader
        title={t('request.title', { client: data.client.name })}
        actions={
          <Button component={Link} to="/admin/permohonan" variant="subtle" data-testid="request-back">
            {t('request.back')}
          </Button>
        }
      />
      <Card withBorder>
        <Grid>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Fact label={t('request.requester')} testId="request-requester">
              {data.requester.name}
            </Fact>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Fact label={t('request.client')} testId="request-client">
              {data.client.name}
              {data.client.organization ? ` — ${data.client.organization}` : ''}
            </Fact>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Fact label={t('request.graph')}>{data.graph}</Fact>
          </Grid.Col>
          <Grid.Col span={12}>
            <Fact label={t('request.purpose')} testId="request-purpose">
              {data.purpose}
            </Fact>
          </Grid.Col>
          <Grid.Col span={12}>
            <Fact label={t('request.legalBasis')} testId="request-legal-basis">
              {data.legalBasis}
            </Fact>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Fact label={t('request.period')} testId="request-period">
              {formatDate(data.periodStart, language)} – {formatDate(data.periodEnd, language)}
            </Fact>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Fact label={t('request.quota')}>{data.quotaPerDay ?? t('request.noQuota')}</Fact>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Fact label={t('request.submitted')}>
              {formatDateTime(data.createdAt, language)}{' '}
              <StatusBadge status={data.status} label={t(`status.${data.status}`)} />
            </Fact>
          </Grid.Col>
        </Grid>
      </Card>
      <RequestedFields request={data} />
      <Decision request={data} />
      <RequesterHistory request={data} />
    </Stack>
  );
}
