/** The requester's home: how many requests wait and how many are decided, and the usual next steps. */
import { Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useClients } from '../../api/access';
import { useAccessRequests } from '../../api/accessRequests';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { isWaiting, stageOf } from './stage';

function Count({ label, value, to, testId }: { label: string; value: number | string; to: string; testId: string }) {
  return (
    <Card withBorder component={Link} to={to} data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={`${testId}-value`}>
        {value}
      </Text>
    </Card>
  );
}

export function Home() {
  const { t } = useTranslation('requester');
  const requests = useAccessRequests();
  const clients = useClients();
  const stages = (requests.data ?? []).map(stageOf);
  const waiting = stages.filter(isWaiting).length;
  const decided = stages.length - waiting;
  const granted = stages.filter((stage) => stage === 'granted' || stage === 'partially_granted').length;
  const shown = (value: number) => (requests.data ? value : '…');

  return (
    <Stack>
      <PageHeader title={t('home.title')} description={t('home.description')} />
      {requests.error ? <ErrorAlert error={requests.error} onRetry={() => void requests.refetch()} /> : null}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Count label={t('home.waiting')} value={shown(waiting)} to="/pemohon/permohonan?tampil=waiting" testId="home-waiting" />
        <Count label={t('home.decided')} value={shown(decided)} to="/pemohon/permohonan?tampil=decided" testId="home-decided" />
        <Count label={t('home.granted')} value={shown(granted)} to="/pemohon/permohonan?tampil=decided" testId="home-granted" />
      </SimpleGrid>
      <Card withBorder>
        <Stack gap="xs">
          <Text fw={500}>{t('home.next')}</Text>
          <Group gap="xs">
            <Button component={Link} to="/pemohon/direktori" variant="light" data-testid="home-directory">
              {t('home.browse')}
            </Button>
            <Button component={Link} to="/pemohon/permohonan/baru" variant="light" data-testid="home-new-request">
              {t('home.newRequest')}
            </Button>
            <Button component={Link} to="/pemohon/aplikasi" variant="light" data-testid="home-clients">
              {clients.data?.length === 0 ? t('home.registerClient') : t('home.clients')}
            </Button>
            <Button component={Link} to="/pemohon/penjelajah" variant="light" data-testid="home-explorer">
              {t('home.explorer')}
            </Button>
          </Group>
          <Text size="sm" c="dimmed">
            {t('home.steps')}
          </Text>
        </Stack>
      </Card>
    </Stack>
  );
}
