/**
 * One client application: its API keys (never their secrets), issuing a new one (shown once, and
 * offered to the explorer for this tab only), and revoking one.
 */
import { Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useClient, useCredentials, useIssueCredential, useRevokeCredential } from '../../api/access';
import type { Credential } from '../../api/access';
import { storeApiKey } from '../../api/explorer';
import { DataTable } from '../../components/DataTable';
import type { Column } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { bindDraft } from '../../hooks/bindDraft';
import { SecretOnce } from '../../components/SecretOnce';
import { StatusBadge } from '../../components/StatusBadge';
import { useDraft } from '../../hooks/useDraft';
import { useLanguage } from '../../i18n';
import { formatDate, statusLabel } from './labels';

function RevokeButton({ credential, onRevoke, pending }: { credential: Credential; onRevoke: () => void; pending: boolean }) {
  const { t } = useTranslation('requester');
  const [asking, setAsking] = useState(false);
  if (credential.state === 'revoked') return null;
  return asking ? (
    <Group gap={4} wrap="nowrap">
      <Button size="compact-xs" color="red" loading={pending} onClick={onRevoke} data-testid="credential-revoke-confirm">
        {t('keys.revokeConfirm')}
      </Button>
      <Button size="compact-xs" variant="subtle" color="gray" onClick={() => setAsking(false)}>
        {t('common.cancel', { ns: 'common' })}
      </Button>
    </Group>
  ) : (
    <Button size="compact-xs" variant="light" color="red" onClick={() => setAsking(true)} data-testid="credential-revoke">
      {t('keys.revoke')}
    </Button>
  );
}

export function ClientDetail() {
  const { id = '' } = useParams();
  const { t } = useTranslation('requester');
  const language = useLanguage();
  const navigate = useNavigate();
  const client = useClient(id);
  const credentials = useCredentials(id);
  const issue = useIssueCredential(id);
  const revoke = useRevokeCredential(id);
  const [draft, setDraft, clearDraft] = useDraft(`requester.key.${id}`, { label: '', expiresAt: '' });
  const [issued, setIssued] = useState<{ apiKey: string; label: string } | null>(null);

  const columns: Column<Credential>[] = [
    { key: 'label', title: t('keys.label'), render: (row) => <Text size="sm">{row.label}</Text>, text: (row) => row.label },
    { key: 'prefix', title: t('keys.prefix'), render: (row) => <Text size="sm" ff="monospace">phk_{row.prefix}_…</Text>, text: (row) => row.prefix },
    { key: 'state', title: t('keys.state'), render: (row) => <StatusBadge status={row.state} label={statusLabel(t, `key_${row.state}`)} />, text: (row) => statusLabel(t, `key_${row.state}`) },
    { key: 'createdAt', title: t('keys.createdAt'), render: (row) => formatDate(row.createdAt, language) },
    { key: 'expiresAt', title: t('keys.expiresAt'), render: (row) => formatDate(row.expiresAt, language) },
    { key: 'actions', title: '', render: (row) => <RevokeButton credential={row} pending={revoke.isPending && revoke.variables === row.id} onRevoke={() => revoke.mutate(row.id)} /> },
  ];

  const send = () =>
    issue.mutate(
      { label: draft.label, ...(draft.expiresAt ? { expiresAt: draft.expiresAt } : {}) },
      {
        onSuccess: (body) => {
          setIssued({ apiKey: body.apiKey, label: body.credential.label });
          clearDraft();
        },
      },
    );

  return (
    <Stack>
      <PageHeader title={client.data?.name ?? t('keys.title')} description={client.data ? `${client.data.agency?.name ?? client.data.organization} · ${client.data.contact}` : undefined} />
      {client.error ? <ErrorAlert error={client.error} onRetry={() => void client.refetch()} /> : null}

      {issued ? (
        <Stack gap="xs" data-testid="issued-key">
          <SecretOnce label={t('keys.issued', { label: issued.label })} value={issued.apiKey} />
          <Group>
            <Button
              data-testid="use-key-in-explorer"
              onClick={() => {
                storeApiKey(issued.apiKey);
                void navigate('/pemohon/penjelajah');
              }}
            >
              {t('keys.useInExplorer')}
            </Button>
            <Button variant="subtle" color="gray" onClick={() => setIssued(null)} data-testid="issued-key-done">
              {t('keys.savedIt')}
            </Button>
          </Group>
        </Stack>
      ) : null}

      <Title order={4}>{t('keys.title')}</Title>
      {credentials.error ? <ErrorAlert error={credentials.error} onRetry={() => void credentials.refetch()} /> : null}
      {revoke.error ? <ErrorAlert error={revoke.error} /> : null}
      <DataTable testId="keys-table" columns={columns} rows={credentials.data} rowKey={(row) => row.id} loading={credentials.isLoading} filterable pageSize={20} empty={t('keys.empty')} />

      <Card withBorder maw={640}>
        <Stack>
          <Title order={5}>{t('keys.issue')}</Title>
          <Text size="sm" c="dimmed">
            {t('keys.issueHint')}
          </Text>
          <TextInput
            label={t('keys.label')}
            description={t('keys.labelHint')}
            maxLength={200}
            {...bindDraft(draft, setDraft, 'label')}
            data-testid="key-label"
            required
          />
          <TextInput
            type="date"
            label={t('keys.expiresAt')}
            description={t('keys.expiresHint')}
            {...bindDraft(draft, setDraft, 'expiresAt')}
            data-testid="key-expires"
          />
          {issue.error ? <ErrorAlert error={issue.error} /> : null}
          <Group justify="flex-end">
            <Button onClick={send} disabled={draft.label.trim() === ''} loading={issue.isPending} data-testid="key-issue">
              {t('keys.issueSubmit')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
