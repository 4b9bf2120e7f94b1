/**
 * One access request as the agency decides its part: who asks, for which client, why, on what legal
 * basis and for how long, the agency's fields in it with their classification; then grant all or some
 * fields (the rest is declined), or decline, always with a reason. Everything typed is a draft that
 * survives a session expiry. Text from the requester is rendered as text.
 */
import { Alert, Anchor, Button, Card, Checkbox, Code, Grid, Group, Loader, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAccessRequest, useDeclineRequest, useGrantRequest } from '../../api/accessRequests';
import type { AccessRequest } from '../../api/accessRequests';
import { useFieldUsage } from '../../api/fieldUsage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { StatusBadge } from '../../components/StatusBadge';
import { useDraft } from '../../hooks/useDraft';
import { useLanguage } from '../../i18n';
import { bindDraft } from '../../hooks/bindDraft';
import { ClassificationBadge } from './ClassificationBadge';
import { formatDate, formatDateTime } from './format';

interface DecisionDraft {
  /** Coordinates ticked for granting; null = every field still pending (the default). */
  selected: string[] | null;
  reason: string;
  startsAt: string;
  endsAt: string;
}

const EMPTY: DecisionDraft = { selected: null, reason: '', startsAt: '', endsAt: '' };

function Facts({ request }: { request: AccessRequest }) {
  const { t } = useTranslation('publisher');
  const language = useLanguage();
  const rows: [string, string, string][] = [
    ['requester', t('request.requester'), request.requester.name],
    ['client', t('request.client'), `${request.client.name}${request.client.organization ? ` (${request.client.organization})` : ''}`],
    ['graph', t('request.graph'), request.graph],
    ['purpose', t('request.purpose'), request.purpose],
    ['legal-basis', t('request.legalBasis'), request.legalBasis],
    ['period', t('request.period'), `${formatDate(request.periodStart, language)} – ${formatDate(request.periodEnd, language)}`],
    ['quota', t('request.quota'), request.quotaPerDay === null ? t('request.noQuota') : String(request.quotaPerDay)],
    ['created', t('request.createdAt'), formatDateTime(request.createdAt, language)],
  ];
  return (
    <Table data-testid="request-facts" withRowBorders={false} verticalSpacing={4}>
      <Table.Tbody>
        {rows.map(([key, label, value]) => (
          <Table.Tr key={key}>
            <Table.Td w={180} fw={500}>
              {label}
            </Table.Td>
            <Table.Td data-testid={`request-${key}`} style={{ whiteSpace: 'pre-wrap' }}>
              {value}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function RequestDecision() {
  const { t } = useTranslation('publisher');
  const language = useLanguage();
  const id = useParams()['id'] ?? '';
  const request = useAccessRequest(id);
  const fields = useFieldUsage('', '');
  const grant = useGrantRequest(id);
  const decline = useDeclineRequest(id);
  const [draft, setDraft, clearDraft] = useDraft<DecisionDraft>(`publisher.decision.${id}`, EMPTY);

  if (request.error) {
    return (
      <Stack>
        <PageHeader title={t('decision.title')} />
        <ErrorAlert error={request.error} onRetry={() => void request.refetch()} />
        <Anchor component={Link} to="/penerbit/permohonan">
          {t('decision.back')}
        </Anchor>
      </Stack>
    );
  }
  if (!request.data) return <Loader />;
  const data = request.data;
  const classificationOf = new Map((fields.data?.fields ?? []).map((field) => [field.coordinate, field]));
  const pending = data.items.filter((item) => item.status === 'pending');
  const selected = draft.selected ?? pending.map((item) => item.coordinate);
  const canDecide = data.status === 'approved' && pending.length > 0;
  const reasonMissing = draft.reason.trim() === '';
  const busy = grant.isPending || decline.isPending;
  const toggle = (coordinate: string, on: boolean) =>
    setDraft((current) => {
      const base = current.selected ?? pending.map((item) => item.coordinate);
      return { ...current, selected: on ? [...new Set([...base, coordinate])] : base.filter((value) => value !== coordinate) };
    });
  const submitGrant = () => {
    const all = selected.length === pending.length;
    grant.mutate(
      {
        reason: draft.reason.trim(),
        ...(all ? {} : { coordinates: selected }),
        ...(draft.startsAt ? { startsAt: draft.startsAt } : {}),
        ...(draft.endsAt ? { endsAt: draft.endsAt } : {}),
      },
      { onSuccess: clearDraft },
    );
  };
  const submitDecline = () => decline.mutate(draft.reason.trim(), { onSuccess: clearDraft });
  const done = grant.data ?? decline.data;

  return (
    <Stack>
      <PageHeader
        title={t('decision.title')}
        description={t('decision.description')}
        actions={
          <Button variant="light" component={Link} to="/penerbit/permohonan" data-testid="back-to-inbox">
            {t('decision.back')}
          </Button>
        }
      />
      <Group>
        <StatusBadge status={data.status} label={t(`status.${data.status}`, { defaultValue: data.status })} />
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card withBorder>
            <Facts request={data} />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="sm">
            {data.approval ? (
              <Card withBorder data-testid="approval">
                <Text fw={500} size="sm">
                  {t('decision.approvedBy', { name: data.approval.actor.name, at: formatDateTime(data.approval.decidedAt, language) })}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {data.approval.reason}
                </Text>
                {data.approval.conditions ? (
                  <Code block mt="xs">
                    {JSON.stringify(data.approval.conditions, null, 2)}
                  </Code>
                ) : null}
              </Card>
            ) : null}
            {data.agencyDecisions.map((decision) => (
              <Card withBorder key={`${decision.agency.id}-${decision.decidedAt}`} data-testid="agency-decision">
                <Group gap="xs">
                  <StatusBadge status={decision.decision} label={t(`status.${decision.decision}`)} />
                  <Text size="sm">
                    {decision.actor.name} · {formatDateTime(decision.decidedAt, language)}
                  </Text>
                </Group>
                <Text size="sm" mt={4} data-testid="agency-decision-reason" style={{ whiteSpace: 'pre-wrap' }}>
                  {decision.reason}
                </Text>
              </Card>
            ))}
          </Stack>
        </Grid.Col>
      </Grid>

      <Title order={4}>{t('decision.fields')}</Title>
      {fields.error ? <ErrorAlert error={fields.error} onRetry={() => void fields.refetch()} /> : null}
      <Table data-testid="decision-fields" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40} />
            <Table.Th>{t('decision.field')}</Table.Th>
            <Table.Th>{t('decision.classification')}</Table.Th>
            <Table.Th>{t('decision.subgraph')}</Table.Th>
            <Table.Th>{t('request.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.items.map((item) => {
            const meta = classificationOf.get(item.coordinate);
            return (
              <Table.Tr key={item.id} data-testid="decision-field" data-coordinate={item.coordinate}>
                <Table.Td>
                  {item.status === 'pending' && canDecide ? (
                    <Checkbox
                      aria-label={item.coordinate}
                      data-testid={`field-select-${item.coordinate}`}
                      checked={selected.includes(item.coordinate)}
                      onChange={(event) => toggle(item.coordinate, event.currentTarget.checked)}
                    />
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Code>{item.coordinate}</Code>
                  {meta?.description ? (
                    <Text size="xs" c="dimmed">
                      {meta.description}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <ClassificationBadge classification={meta?.classification} personalData={meta?.personalData ?? false} />
                </Table.Td>
                <Table.Td>{item.subgraph}</Table.Td>
                <Table.Td>
                  <StatusBadge status={item.status} label={t(`itemStatus.${item.status}`)} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>

      {done ? (
        <Alert color="green" data-testid="decision-done">
          {t('decision.done')}
        </Alert>
      ) : null}
      {grant.error ? <ErrorAlert error={grant.error} /> : null}
      {decline.error ? <ErrorAlert error={decline.error} /> : null}

      {canDecide ? (
        <Card withBorder data-testid="decision-form">
          <Stack gap="sm">
            <Text size="sm">{t('decision.partialHint', { selected: selected.length, total: pending.length })}</Text>
            <Textarea
              label={t('decision.reason')}
              description={t('decision.reasonHint')}
              data-testid="decision-reason"
              autosize
              minRows={2}
              required
              {...bindDraft(draft, setDraft, 'reason')}
            />
            <Group grow>
              <TextInput
                type="date"
                label={t('decision.startsAt')}
                description={t('decision.periodHint')}
                data-testid="decision-starts-at"
                {...bindDraft(draft, setDraft, 'startsAt')}
              />
              <TextInput
                type="date"
                label={t('decision.endsAt')}
                description={t('decision.periodHint')}
                data-testid="decision-ends-at"
                {...bindDraft(draft, setDraft, 'endsAt')}
              />
            </Group>
            <Group>
              <Button
                color="green"
                data-testid="grant-submit"
                disabled={reasonMissing || selected.length === 0 || busy}
                loading={grant.isPending}
                onClick={submitGrant}
              >
                {selected.length === pending.length ? t('decision.grantAll') : t('decision.grantSelected', { count: selected.length })}
              </Button>
              <Button color="red" variant="light" data-testid="decline-submit" disabled={reasonMissing || busy} loading={decline.isPending} onClick={submitDecline}>
                {t('decision.decline')}
              </Button>
            </Group>
            {reasonMissing ? (
              <Text size="xs" c="dimmed">
                {t('decision.reasonRequired')}
              </Text>
            ) : null}
          </Stack>
        </Card>
      ) : !done ? (
        <Text c="dimmed" size="sm" data-testid="decision-closed">
          {data.status === 'pending' ? t('decision.notApprovedYet') : t('decision.nothingPending')}
        </Text>
      ) : null}
    </Stack>
  );
}
