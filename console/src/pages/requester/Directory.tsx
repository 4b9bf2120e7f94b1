/**
 * The service directory: browse a theme's graphs (types, fields, descriptions, classification, the
 * owning agency) or search every field, and pick single fields or whole types (`Type.*`) into the
 * access request being drafted. Descriptions come from published SDL: they are shown as text only.
 */
import { Badge, Button, Card, CloseButton, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDirectory, useDirectorySearch, useThemes, graphTypes } from '../../api/directory';
import type { DirectoryField, SearchHit } from '../../api/directory';
import { DataTable } from '../../components/DataTable';
import type { Column } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { classificationLabel } from './labels';
import { togglePicked, useRequestDraft } from './requestDraft';

const CLASSIFICATION_COLORS: Record<string, string> = { publik: 'green', terbatas: 'yellow', rahasia: 'red' };

function ClassificationBadge({ value }: { value: string }) {
  const { t } = useTranslation('requester');
  return (
    <Badge variant="light" color={CLASSIFICATION_COLORS[value] ?? 'gray'} data-testid="classification">
      {classificationLabel(t, value)}
    </Badge>
  );
}

interface FieldRow extends DirectoryField {
  typeName: string;
  agencyName: string;
  subgraph: string;
}

interface TypeRow {
  key: string;
  name: string;
  description: string;
  agencyName: string;
  subgraph: string;
  fieldCount: number;
}

export function Directory() {
  const { t } = useTranslation('requester');
  const [theme, setTheme] = useState<string>('');
  const [graphChoice, setGraphChoice] = useState<string>('');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const [draft, setDraft] = useRequestDraft();

  const themes = useThemes();
  const directory = useDirectory(theme || undefined);
  const results = useDirectorySearch(debounced);

  const graphNames = useMemo(() => {
    const names = new Set<string>();
    for (const entry of directory.data ?? []) for (const graph of entry.graphs) names.add(graph.name);
    return [...names].sort();
  }, [directory.data]);
  // A theme's own graph first (its name is the theme's slug), else the graph being drafted, else any.
  const graph = graphNames.includes(graphChoice)
    ? graphChoice
    : graphNames.includes(theme)
      ? theme
      : graphNames.includes(draft.graph)
        ? draft.graph
        : (graphNames[0] ?? '');

  const entries = useMemo(() => graphTypes(directory.data, graph), [directory.data, graph]);
  const typeRows: TypeRow[] = entries.map(({ subgraph, type }) => ({
    key: `${subgraph.name}.${type.name}`,
    name: type.name,
    description: type.description,
    agencyName: subgraph.agency.name,
    subgraph: subgraph.name,
    fieldCount: type.fields.length,
  }));
  const fieldRows: FieldRow[] = entries.flatMap(({ subgraph, type }) =>
    type.fields.map((field) => ({ ...field, typeName: type.name, agencyName: subgraph.agency.name, subgraph: subgraph.name })),
  );

  const picked = (coordinate: string, inGraph: string) => draft.graph === inGraph && draft.coordinates.includes(coordinate);
  const pick = (coordinate: string, inGraph: string) => setDraft((current) => togglePicked(current, inGraph, coordinate));

  const pickButton = (coordinate: string, inGraph: string, testId: string) => (
    <Button
      size="compact-xs"
      variant={picked(coordinate, inGraph) ? 'filled' : 'light'}
      data-testid={testId}
      data-coordinate={coordinate}
      aria-pressed={picked(coordinate, inGraph)}
      onClick={(event) => {
        event.stopPropagation();
        pick(coordinate, inGraph);
      }}
    >
      {picked(coordinate, inGraph) ? t('directory.picked') : t('directory.pick')}
    </Button>
  );

  const typeColumns: Column<TypeRow>[] = [
    { key: 'name', title: t('directory.type'), render: (row) => <Text fw={500}>{row.name}</Text>, text: (row) => row.name },
    { key: 'description', title: t('directory.description'), render: (row) => <Text size="sm">{row.description}</Text>, text: (row) => row.description },
    { key: 'agency', title: t('directory.agency'), render: (row) => <Text size="sm">{row.agencyName}</Text>, text: (row) => `${row.agencyName} ${row.subgraph}` },
    { key: 'fields', title: t('directory.fieldCount'), render: (row) => row.fieldCount },
    { key: 'pick', title: t('directory.wholeType'), render: (row) => pickButton(`${row.name}.*`, graph, 'pick-type') },
  ];

  const fieldColumns: Column<FieldRow>[] = [
    { key: 'coordinate', title: t('directory.field'), render: (row) => <Text fw={500} data-testid="field-coordinate">{row.coordinate}</Text>, text: (row) => row.coordinate },
    { key: 'returnType', title: t('directory.returnType'), render: (row) => <Text size="sm" ff="monospace">{row.returnType}</Text> },
    { key: 'description', title: t('directory.description'), render: (row) => <Text size="sm" data-testid="field-description">{row.description}</Text>, text: (row) => row.description },
    {
      key: 'classification',
      title: t('directory.classification'),
      render: (row) => (
        <Group gap={4}>
          <ClassificationBadge value={row.classification} />
          {row.personalData ? <Badge variant="outline" color="grape">{t('directory.personalData')}</Badge> : null}
        </Group>
      ),
      text: (row) => row.classification,
    },
    { key: 'agency', title: t('directory.agency'), render: (row) => <Text size="sm">{row.agencyName}</Text>, text: (row) => row.agencyName },
    { key: 'pick', title: '', render: (row) => pickButton(row.coordinate, graph, 'pick-field') },
  ];

  const hitGraph = (hit: SearchHit) => (hit.graphs.includes(graph) ? graph : (hit.graphs[0] ?? graph));
  const hitColumns: Column<SearchHit>[] = [
    { key: 'coordinate', title: t('directory.field'), render: (hit) => <Text fw={500} data-testid="field-coordinate">{hit.coordinate}</Text>, text: (hit) => hit.coordinate },
    { key: 'returnType', title: t('directory.returnType'), render: (hit) => <Text size="sm" ff="monospace">{hit.returnType}</Text> },
    { key: 'description', title: t('directory.description'), render: (hit) => <Text size="sm" data-testid="field-description">{hit.description}</Text>, text: (hit) => hit.description },
    { key: 'classification', title: t('directory.classification'), render: (hit) => <ClassificationBadge value={hit.classification} />, text: (hit) => hit.classification },
    { key: 'agency', title: t('directory.agency'), render: (hit) => <Text size="sm">{hit.agency.name}</Text>, text: (hit) => hit.agency.name },
    { key: 'graph', title: t('directory.graph'), render: (hit) => <Text size="sm">{hitGraph(hit)}</Text> },
    { key: 'pick', title: '', render: (hit) => pickButton(hit.coordinate, hitGraph(hit), 'pick-field') },
  ];

  const themeOptions = [{ value: '', label: t('directory.allThemes') }, ...(themes.data ?? []).map((entry) => ({ value: entry.slug, label: entry.name }))];
  const currentTheme = (themes.data ?? []).find((entry) => entry.slug === theme);

  return (
    <Stack>
      <PageHeader title={t('directory.title')} description={t('directory.description_')} />
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('directory.theme')}
          data={themeOptions}
          value={theme}
          onChange={(value) => setTheme(value ?? '')}
          allowDeselect={false}
          data-testid="directory-theme"
          w={260}
        />
        <Select
          label={t('directory.graph')}
          data={graphNames}
          value={graph || null}
          onChange={(value) => setGraphChoice(value ?? '')}
          allowDeselect={false}
          data-testid="directory-graph"
          w={220}
        />
        <TextInput
          label={t('directory.search')}
          placeholder={t('directory.searchPlaceholder')}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          data-testid="directory-search"
          style={{ flex: 1, minWidth: 220 }}
        />
      </Group>
      {currentTheme?.description ? <Text size="sm" c="dimmed">{currentTheme.description}</Text> : null}

      {draft.coordinates.length > 0 ? (
        <Card withBorder data-testid="picked-fields">
          <Group justify="space-between" align="flex-start">
            <Stack gap={6} style={{ flex: 1 }}>
              <Text size="sm" fw={500}>
                {t('directory.pickedSummary', { count: draft.coordinates.length, graph: draft.graph })}
              </Text>
              <Group gap={6}>
                {draft.coordinates.map((coordinate) => (
                  <Badge
                    key={coordinate}
                    variant="outline"
                    tt="none"
                    data-testid="picked-field"
                    rightSection={
                      <CloseButton size="xs" aria-label={t('directory.unpick', { coordinate })} onClick={() => pick(coordinate, draft.graph)} />
                    }
                  >
                    {coordinate}
                  </Badge>
                ))}
              </Group>
            </Stack>
            <Button component={Link} to="/pemohon/permohonan/baru" data-testid="directory-continue">
              {t('directory.continue')}
            </Button>
          </Group>
        </Card>
      ) : null}

      {directory.error ? <ErrorAlert error={directory.error} onRetry={() => void directory.refetch()} /> : null}
      {themes.error ? <ErrorAlert error={themes.error} onRetry={() => void themes.refetch()} /> : null}

      {debounced.trim() ? (
        <Stack gap="xs">
          <Title order={4}>{t('directory.results', { query: debounced.trim() })}</Title>
          {results.error ? (
            <ErrorAlert error={results.error} onRetry={() => void results.refetch()} />
          ) : (
            <DataTable
              testId="search-results"
              columns={hitColumns}
              rows={results.data?.results}
              rowKey={(hit) => `${hit.subgraph}.${hit.coordinate}`}
              loading={results.isFetching}
              filterable
              pageSize={20}
              empty={t('directory.noResults')}
            />
          )}
        </Stack>
      ) : (
        <Stack gap="lg">
          <Stack gap="xs">
            <Title order={4}>{t('directory.types', { graph })}</Title>
            <DataTable testId="directory-types" columns={typeColumns} rows={typeRows} rowKey={(row) => row.key} loading={directory.isLoading} filterable pageSize={10} empty={t('directory.noTypes')} />
          </Stack>
          <Stack gap="xs">
            <Title order={4}>{t('directory.fields', { graph })}</Title>
            <DataTable
              testId="directory-fields"
              columns={fieldColumns}
              rows={fieldRows}
              rowKey={(row) => `${row.subgraph}.${row.coordinate}`}
              loading={directory.isLoading}
              filterable
              pageSize={25}
              empty={t('directory.noTypes')}
            />
          </Stack>
        </Stack>
      )}
    </Stack>
  );
}
