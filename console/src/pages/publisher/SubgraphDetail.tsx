/**
 * One subgraph: its versions (newest first, with how many changes were breaking, dangerous or safe)
 * and, for the chosen version, the diff to the one before it, the report of the checks it passed when
 * published, and its SDL.
 */
import { Anchor, Badge, Button, Code, Group, Loader, Stack, Tabs, Text } from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSubgraphVersion, useSubgraphVersions } from '../../api/publishing';
import type { VersionSummary } from '../../api/publishing';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useLanguage } from '../../i18n';
import { CheckReport } from './CheckReport';
import { formatDateTime } from './format';
import { LineDiff, SchemaChanges } from './SchemaChanges';

function ChangeCounts({ changes }: { changes: VersionSummary['changes'] }) {
  const { t } = useTranslation('publisher');
  return (
    <Group gap={4} wrap="nowrap" data-testid="change-counts">
      <Badge size="sm" color="red" variant={changes.breaking > 0 ? 'filled' : 'outline'} title={t('diff.criticality.BREAKING')}>
        {changes.breaking}
      </Badge>
      <Badge size="sm" color="orange" variant="light" title={t('diff.criticality.DANGEROUS')}>
        {changes.dangerous}
      </Badge>
      <Badge size="sm" color="green" variant="light" title={t('diff.criticality.SAFE')}>
        {changes.safe}
      </Badge>
    </Group>
  );
}

function VersionView({ name, version }: { name: string; version: number }) {
  const { t } = useTranslation('publisher');
  const language = useLanguage();
  const detail = useSubgraphVersion(name, version);
  if (detail.error) return <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <Loader size="sm" />;
  const data = detail.data;
  return (
    <Stack gap="sm" data-testid="version-detail" data-version={data.version}>
      <Group gap="lg">
        <Text size="sm">
          <b>{t('versions.version')}:</b> v{data.version}
        </Text>
        <Text size="sm">
          <b>{t('versions.author')}:</b> {data.author ?? '—'}
        </Text>
        <Text size="sm">
          <b>{t('versions.createdAt')}:</b> {formatDateTime(data.createdAt, language)}
        </Text>
        <Text size="sm">
          <b>{t('versions.hash')}:</b> <Code>{data.sdlHash.slice(0, 12)}</Code>
        </Text>
      </Group>
      {data.overrideReason ? (
        <Text size="sm" c="orange">
          {t('versions.overrideReason')}: {data.overrideReason}
        </Text>
      ) : null}
      <Tabs defaultValue="diff" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="diff" data-testid="tab-diff">
            {data.version === 1 ? t('versions.firstVersion') : t('versions.diffTo', { previous: data.version - 1 })}
          </Tabs.Tab>
          <Tabs.Tab value="checks" data-testid="tab-checks">
            {t('versions.checks')}
          </Tabs.Tab>
          <Tabs.Tab value="sdl" data-testid="tab-sdl">
            SDL
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="diff" pt="sm">
          <Stack>
            <SchemaChanges changes={data.changes} />
            <LineDiff text={data.diff.lines} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="checks" pt="sm">
          {data.checks ? <CheckReport report={data.checks} /> : <Text c="dimmed">{t('versions.noChecks')}</Text>}
        </Tabs.Panel>
        <Tabs.Panel value="sdl" pt="sm">
          <Code block data-testid="version-sdl" style={{ maxHeight: 480, overflow: 'auto' }}>
            {data.sdl}
          </Code>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

export function SubgraphDetail() {
  const { t } = useTranslation('publisher');
  const language = useLanguage();
  const navigate = useNavigate();
  const params = useParams();
  const name = params['name'] ?? '';
  const versions = useSubgraphVersions(name);
  const newest = versions.data?.versions[0]?.version ?? null;
  const chosen = params['version'] ? Number(params['version']) : newest;
  const base = `/penerbit/subgraph/${encodeURIComponent(name)}`;
  return (
    <Stack>
      <PageHeader
        title={t('versions.title', { name })}
        description={versions.data ? `${versions.data.subgraph.agencyName} · ${t('subgraphs.theme')}: ${versions.data.subgraph.theme}` : undefined}
        actions={
          <>
            <Button variant="light" component={Link} to="/penerbit/subgraph" data-testid="back-to-subgraphs">
              {t('versions.back')}
            </Button>
            <Button component={Link} to={`/penerbit/periksa?subgraph=${encodeURIComponent(name)}`} data-testid="check-this-subgraph">
              {t('subgraphs.check')}
            </Button>
          </>
        }
      />
      {versions.error ? <ErrorAlert error={versions.error} onRetry={() => void versions.refetch()} /> : null}
      <DataTable<VersionSummary>
        testId="version-table"
        filterable
        pageSize={10}
        loading={versions.isLoading}
        rows={versions.data?.versions}
        rowKey={(row) => String(row.version)}
        onRowClick={(row) => void navigate(`${base}/versi/${row.version}`)}
        columns={[
          {
            key: 'version',
            title: t('versions.version'),
            text: (row) => `v${row.version}`,
            render: (row) => (
              <Anchor component={Link} to={`${base}/versi/${row.version}`} data-testid={`version-link-${row.version}`} fw={row.version === chosen ? 700 : undefined}>
                v{row.version}
              </Anchor>
            ),
          },
          { key: 'createdAt', title: t('versions.createdAt'), render: (row) => formatDateTime(row.createdAt, language) },
          { key: 'author', title: t('versions.author'), text: (row) => row.author ?? '', render: (row) => row.author ?? '—' },
          { key: 'hash', title: t('versions.hash'), text: (row) => row.sdlHash, render: (row) => <Code>{row.sdlHash.slice(0, 12)}</Code> },
          { key: 'changes', title: t('versions.changes'), render: (row) => <ChangeCounts changes={row.changes} /> },
          {
            key: 'override',
            title: t('versions.overrideReason'),
            text: (row) => row.overrideReason ?? '',
            render: (row) => row.overrideReason ?? '',
          },
        ]}
      />
      {chosen !== null && Number.isInteger(chosen) ? <VersionView key={chosen} name={name} version={chosen} /> : null}
    </Stack>
  );
}
