/** The agency's subgraphs with their newest version; a row opens its versions. */
import { Anchor, Badge, Button, Code, Stack } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAgencySubgraphs } from '../../api/publishing';
import type { SubgraphListItem } from '../../api/publishing';
import { useUser } from '../../api/session';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useLanguage } from '../../i18n';
import { formatDateTime } from './format';

export function Subgraphs() {
  const { t } = useTranslation('publisher');
  const language = useLanguage();
  const user = useUser();
  const navigate = useNavigate();
  const subgraphs = useAgencySubgraphs(user.agencySlug);
  return (
    <Stack>
      <PageHeader
        title={t('subgraphs.title')}
        description={t('subgraphs.description')}
        actions={
          <Button component={Link} to="/penerbit/periksa" data-testid="open-check">
            {t('subgraphs.check')}
          </Button>
        }
      />
      {subgraphs.error ? <ErrorAlert error={subgraphs.error} onRetry={() => void subgraphs.refetch()} /> : null}
      <DataTable<SubgraphListItem>
        testId="subgraph-table"
        filterable
        loading={subgraphs.isLoading}
        rows={subgraphs.data?.subgraphs}
        rowKey={(row) => row.name}
        onRowClick={(row) => void navigate(`/penerbit/subgraph/${encodeURIComponent(row.name)}`)}
        empty={t('subgraphs.empty')}
        columns={[
          {
            key: 'name',
            title: t('subgraphs.name'),
            text: (row) => `${row.name} ${row.description}`,
            render: (row) => (
              <Stack gap={0}>
                <Anchor component={Link} to={`/penerbit/subgraph/${encodeURIComponent(row.name)}`} data-testid={`subgraph-link-${row.name}`}>
                  {row.name}
                </Anchor>
                <span style={{ fontSize: 12, color: 'var(--mantine-color-dimmed)' }}>{row.description}</span>
              </Stack>
            ),
          },
          { key: 'theme', title: t('subgraphs.theme'), text: (row) => row.theme, render: (row) => row.theme },
          {
            key: 'version',
            title: t('subgraphs.version'),
            render: (row) => (row.latestVersion === null ? '—' : `v${row.latestVersion}`),
          },
          { key: 'published', title: t('subgraphs.publishedAt'), render: (row) => formatDateTime(row.publishedAt, language) },
          { key: 'url', title: t('subgraphs.routingUrl'), text: (row) => row.routingUrl, render: (row) => <Code>{row.routingUrl}</Code> },
          {
            key: 'status',
            title: t('subgraphs.status'),
            render: (row) =>
              row.retiredAt ? (
                <Badge color="gray" variant="light">
                  {t('subgraphs.retired')}
                </Badge>
              ) : (
                <Badge color="green" variant="light">
                  {t('subgraphs.active')}
                </Badge>
              ),
          },
        ]}
      />
    </Stack>
  );
}
