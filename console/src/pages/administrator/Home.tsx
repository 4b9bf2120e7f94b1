/**
 * The administrator's home: how many requests wait for a decision, how many graphs fail to compose,
 * and the way to each of the section's pages.
 */
import { Alert, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUsers } from '../../api/adminAccounts';
import { graphHealth, useGraphs } from '../../api/adminGraphs';
import { useAccessRequests } from '../../api/accessRequests';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';

function Stat({
  label,
  value,
  testId,
  color,
  action,
}: {
  label: string;
  value: number | undefined;
  testId: string;
  color?: string;
  action: ReactNode;
}) {
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {label}
        </Text>
        <Text fz={32} fw={700} c={color} data-testid={testId}>
          {value ?? '…'}
        </Text>
        {action}
      </Stack>
    </Card>
  );
}

export function Home() {
  const { t } = useTranslation('administrator');
  const pending = useAccessRequests({ status: 'pending' });
  const graphs = useGraphs();
  const users = useUsers();
  const failed = graphs.data?.filter((graph) => graphHealth(graph) === 'failed');
  const error = pending.error ?? graphs.error ?? users.error;

  return (
    <>
      <PageHeader title={t('home.title')} description={t('home.description')} />
      {error ? (
        <ErrorAlert
          error={error}
          onRetry={() => {
            void pending.refetch();
            void graphs.refetch();
            void users.refetch();
          }}
        />
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} mt="sm">
        <Stat
          label={t('home.pending')}
          value={pending.data?.length}
          testId="home-pending-count"
          color={pending.data?.length ? 'orange' : undefined}
          action={
            <Button component={Link} to="/admin/permohonan" variant="light" data-testid="home-open-inbox">
              {t('home.openInbox')}
            </Button>
          }
        />
        <Stat
          label={t('home.failedGraphs')}
          value={failed?.length}
          testId="home-failed-graphs"
          color={failed?.length ? 'red' : undefined}
          action={
            <Button component={Link} to="/admin/graf" variant="light" data-testid="home-open-graphs">
              {t('home.openGraphs')}
            </Button>
          }
        />
        <Stat
          label={t('home.graphs')}
          value={graphs.data?.length}
          testId="home-graphs-count"
          action={
            <Button component={Link} to="/admin/jejak" variant="light" data-testid="home-open-trail">
              {t('home.openTrail')}
            </Button>
          }
        />
        <Stat
          label={t('home.users')}
          value={users.data?.filter((user) => !user.disabled).length}
          testId="home-users-count"
          action={
            <Button component={Link} to="/admin/akun" variant="light" data-testid="home-open-accounts">
              {t('home.openAccounts')}
            </Button>
          }
        />
      </SimpleGrid>
      {failed && failed.length > 0 ? (
        <Alert color="red" mt="md" data-testid="home-failed-list">
          {failed.map((graph) => graph.name).join(', ')} — {t('graphs.healthFailedHint')}
        </Alert>
      ) : graphs.data ? (
        <Text size="sm" c="dimmed" mt="md">
          {t('home.allComposed')}
        </Text>
      ) : null}
      <Group mt="md">
        <Button component={Link} to="/admin/pd-tema" variant="subtle" data-testid="home-open-catalogue">
          {t('home.openCatalogue')}
        </Button>
      </Group>
    </>
  );
}
