/** The publisher's home: what waits for the agency and what it publishes, each with a shortcut. */
import { Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAccessRequests, useGrants } from '../../api/accessRequests';
import { useCrossAgencyChanges } from '../../api/crossAgencyChanges';
import { useFieldUsage } from '../../api/fieldUsage';
import { useAgencySubgraphs } from '../../api/publishing';
import { useUser } from '../../api/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';

interface Tile {
  key: string;
  label: string;
  value: number | undefined;
  to: string;
  action: string;
  highlight?: boolean;
}

export function Home() {
  const { t } = useTranslation('publisher');
  const user = useUser();
  const subgraphs = useAgencySubgraphs(user.agencySlug);
  const requests = useAccessRequests({ awaiting: true });
  const changes = useCrossAgencyChanges('pending');
  const grants = useGrants({ current: true });
  const usage = useFieldUsage('', '');
  const agency = user.agencySlug ?? '';
  const waitingChanges = changes.data?.changes.filter(
    (change) => change.owners.includes(agency) && !change.acceptedBy.includes(agency),
  ).length;
  const tiles: Tile[] = [
    { key: 'requests', label: t('home.requests'), value: requests.data?.length, to: '/penerbit/permohonan', action: t('home.openInbox'), highlight: (requests.data?.length ?? 0) > 0 },
    { key: 'changes', label: t('home.changes'), value: waitingChanges, to: '/penerbit/perubahan', action: t('home.openChanges'), highlight: (waitingChanges ?? 0) > 0 },
    { key: 'subgraphs', label: t('home.subgraphs'), value: subgraphs.data?.subgraphs.length, to: '/penerbit/subgraph', action: t('home.openSubgraphs') },
    { key: 'grants', label: t('home.grants'), value: grants.data?.filter((grant) => grant.state === 'active').length, to: '/penerbit/akses', action: t('home.openGrants') },
    { key: 'usage', label: t('home.usage'), value: usage.data?.usage.reduce((sum, row) => sum + row.requests, 0), to: '/penerbit/pemakaian', action: t('home.openUsage') },
  ];
  const error = subgraphs.error ?? requests.error ?? changes.error ?? grants.error ?? usage.error;
  return (
    <Stack>
      <PageHeader title={t('home.title')} description={t('home.description', { agency: agency })} />
      {error ? <ErrorAlert error={error} /> : null}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {tiles.map((tile) => (
          <Card key={tile.key} withBorder data-testid={`home-${tile.key}`} style={tile.highlight ? { borderColor: 'var(--mantine-color-orange-5)' } : undefined}>
            <Stack gap="xs">
              <Text size="sm" c="dimmed">
                {tile.label}
              </Text>
              <Text size="2rem" fw={700} data-testid={`home-${tile.key}-count`}>
                {tile.value ?? '…'}
              </Text>
              <Group>
                <Button component={Link} to={tile.to} variant="light" size="xs" data-testid={`home-${tile.key}-open`}>
                  {tile.action}
                </Button>
              </Group>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
      <Group>
        <Button component={Link} to="/penerbit/periksa" variant="outline" data-testid="home-check">
          {t('subgraphs.check')}
        </Button>
      </Group>
    </Stack>
  );
}
