/** The requester's client applications: the list, and registering a new one. */
import { Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useClients, useRegisterClient } from '../../api/access';
import type { Client } from '../../api/access';
import { useUser } from '../../api/session';
import { DataTable } from '../../components/DataTable';
import type { Column } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { bindDraft } from '../../hooks/bindDraft';
import { useDraft } from '../../hooks/useDraft';
import { useLanguage } from '../../i18n';
import { formatDate } from './labels';

export function Clients() {
  const { t } = useTranslation('requester');
  const language = useLanguage();
  const navigate = useNavigate();
  const user = useUser();
  const clients = useClients();
  const register = useRegisterClient();
  const [draft, setDraft, clearDraft] = useDraft('requester.client', { name: '', contact: '', organization: '' });

  const columns: Column<Client>[] = [
    { key: 'name', title: t('clients.name'), render: (client) => <Text fw={500} data-testid="client-row-name">{client.name}</Text>, text: (client) => client.name },
    { key: 'owner', title: t('clients.owner'), render: (client) => <Text size="sm">{client.agency?.name ?? client.organization}</Text>, text: (client) => client.agency?.name ?? client.organization },
    { key: 'contact', title: t('clients.contact'), render: (client) => <Text size="sm">{client.contact}</Text>, text: (client) => client.contact },
    { key: 'createdAt', title: t('clients.createdAt'), render: (client) => formatDate(client.createdAt, language) },
  ];

  const ready = draft.name.trim().length >= 2 && draft.contact.trim().length >= 3;
  const send = () =>
    register.mutate(
      { name: draft.name, contact: draft.contact, ...(draft.organization.trim() ? { organization: draft.organization } : {}) },
      {
        onSuccess: (client) => {
          clearDraft();
          void navigate(`/pemohon/aplikasi/${client.id}`);
        },
      },
    );

  return (
    <Stack>
      <PageHeader title={t('clients.title')} description={t('clients.description')} />
      {clients.error ? <ErrorAlert error={clients.error} onRetry={() => void clients.refetch()} /> : null}
      <DataTable
        testId="clients-table"
        columns={columns}
        rows={clients.data}
        rowKey={(client) => client.id}
        loading={clients.isLoading}
        filterable
        pageSize={20}
        empty={t('clients.empty')}
        onRowClick={(client) => void navigate(`/pemohon/aplikasi/${client.id}`)}
      />
      <Card withBorder maw={640}>
        <Stack>
          <Title order={4}>{t('clients.register')}</Title>
          <TextInput
            label={t('clients.name')}
            maxLength={200}
            {...bindDraft(draft, setDraft, 'name')}
            data-testid="client-name"
            required
          />
          <TextInput
            label={t('clients.contact')}
            description={t('clients.contactHint')}
            maxLength={500}
            {...bindDraft(draft, setDraft, 'contact')}
            data-testid="client-contact"
            required
          />
          {user.agencyId ? null : (
            <TextInput
              label={t('clients.organization')}
              description={t('clients.organizationHint')}
              maxLength={300}
              {...bindDraft(draft, setDraft, 'organization')}
              data-testid="client-organization"
            />
          )}
          {register.error ? <ErrorAlert error={register.error} /> : null}
          <Group justify="flex-end">
            <Button onClick={send} disabled={!ready} loading={register.isPending} data-testid="client-submit">
              {t('clients.submit')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
