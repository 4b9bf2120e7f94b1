/**
 * Graphs for the administrator: each graph's themes, members and the health of its last
 * composition, with creating a graph, changing its themes and deleting it (confirmed; a refusal
 * naming fields still in use can be forced with a reason).
 */
import { Badge, Button, Group, MultiSelect, Stack, Text, TextInput, Textarea, Tooltip } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  graphHealth,
  useCreateGraph,
  useDeleteGraph,
  useGraphs,
  useUpdateGraph,
} from '../../api/adminGraphs';
import type { GraphSummary } from '../../api/adminGraphs';
import { useThemes } from '../../api/adminCatalogue';
import type { Column } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useDraft } from '../../hooks/useDraft';
import { useLanguage } from '../../i18n';
import { ForceOverride } from './ForceOverride';
import type { ForceState } from './ForceOverride';
import { formatDateTime } from './format';
import { ListWithDialog } from './ListWithDialog';
import type { OpenDialog } from './ListWithDialog';

const SLUG = /^[a-z][a-z0-9-]{0,62}$/;
const HEALTH_COLORS = { composed: 'green', empty: 'gray', failed: 'red' } as const;

function ThemeBadges({ themes, empty }: { themes: string[]; empty: string }) {
  if (themes.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  return (
    <Group gap={4}>
      {themes.map((theme) => (
        <Badge key={theme} variant="outline" size="sm">
          {theme}
        </Badge>
      ))}
    </Group>
  );
}

function useThemeOptions() {
  const themes = useThemes();
  return (themes.data ?? []).map((theme) => ({ value: theme.slug, label: `${theme.name} (${theme.slug})` }));
}

interface Membership {
  description: string;
  themes: string[];
  excludeThemes: string[];
}

/** A graph's description and the themes it gathers and leaves out, as both forms edit them. */
function GraphMembership({
  prefix,
  value,
  onChange,
}: {
  prefix: string;
  value: Membership;
  onChange: (patch: Partial<Membership>) => void;
}) {
  const { t } = useTranslation('administrator');
  const options = useThemeOptions();
  return (
    <>
      <Textarea
        label={t('graphs.descriptionLabel')}
        maxLength={2000}
        value={value.description}
        data-testid={`${prefix}-description`}
        onChange={(event) => onChange({ description: event.currentTarget.value })}
      />
      <MultiSelect
        label={t('graphs.themes')}
        description={t('graphs.themesHint')}
        data={options}
        searchable
        value={value.themes}
        data-testid={`${prefix}-themes`}
        onChange={(themes) => onChange({ themes })}
      />
      <MultiSelect
        label={t('graphs.excluded')}
        description={t('graphs.excludeHint')}
        data={options}
        searchable
        value={value.excludeThemes}
        data-testid={`${prefix}-exclude-themes`}
        onChange={(excludeThemes) => onChange({ excludeThemes })}
      />
    </>
  );
}

function CreateGraph({ onDone }: { onDone: (name: string) => void }) {
  const { t } = useTranslation('administrator');
  const create = useCreateGraph();
  const [draft, setDraft, clearDraft] = useDraft('admin.graph.create', {
    name: '',
    description: '',
    themes: [] as string[],
    excludeThemes: [] as string[],
  });
  const nameInvalid = draft.name !== '' && !SLUG.test(draft.name);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!SLUG.test(draft.name)) return;
    create.mutate(draft, {
      onSuccess: () => {
        clearDraft();
        onDone(draft.name);
      },
    });
  };
  return (
    <form onSubmit={submit} data-testid="graph-create-form">
      <Stack>
        <TextInput
          label={t('graphs.name')}
          description={t('graphs.nameHint')}
          required
          value={draft.name}
          error={nameInvalid ? t('form.slugInvalid') : undefined}
          data-testid="graph-name"
          onChange={(event) => {
            const name = event.currentTarget.value;
            setDraft((current) => ({ ...current, name }));
          }}
        />
        <GraphMembership
          prefix="graph"
          value={draft}
          onChange={(patch) => setDraft((current) => ({ ...current, ...patch }))}
        />
        {create.error ? <ErrorAlert error={create.error} /> : null}
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending} data-testid="graph-create-submit">
            {t('graphs.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EditGraph({ graph, onDone }: { graph: GraphSummary; onDone: () => void }) {
  const { t } = useTranslation('administrator');
  const update = useUpdateGraph();
  const [draft, setDraft, clearDraft] = useDraft(`admin.graph.edit.${graph.name}`, {
    description: graph.description,
    themes: graph.themes,
    excludeThemes: graph.excludedThemes,
  });
  const [force, setForce] = useState<ForceState>({ force: false, reason: '' });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      { name: graph.name, ...draft, ...(force.force ? { force: true, reason: force.reason } : {}) },
      {
        onSuccess: () => {
          clearDraft();
          onDone();
        },
      },
    );
  };
  return (
    <form onSubmit={submit} data-testid="graph-edit-form">
      <Stack>
        <GraphMembership
          prefix="graph-edit"
          value={draft}
          onChange={(patch) => setDraft((current) => ({ ...current, ...patch }))}
        />
        {update.error ? <ErrorAlert error={update.error} /> : null}
        <ForceOverride error={update.error} value={force} onChange={setForce} />
        <Group justify="flex-end">
          <Button type="submit" loading={update.isPending} data-testid="graph-edit-submit">
            {t('common:common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DeleteGraph({
  graph,
  onDone,
  onCancel,
}: {
  graph: GraphSummary;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('administrator');
  const remove = useDeleteGraph();
  const [force, setForce] = useState<ForceState>({ force: false, reason: '' });
  return (
    <Stack data-testid="graph-delete-confirm">
      <Text size="sm">{t('graphs.deleteBody')}</Text>
      {remove.error ? <ErrorAlert error={remove.error} /> : null}
      <ForceOverride error={remove.error} value={force} onChange={setForce} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('common:common.cancel')}
        </Button>
        <Button
          color="red"
          loading={remove.isPending}
          data-testid="graph-delete-submit"
          onClick={() =>
            remove.mutate(
              { name: graph.name, ...(force.force ? { force: true, reason: force.reason } : {}) },
              { onSuccess: onDone },
            )
          }
        >
          {t('graphs.deleteConfirm')}
        </Button>
      </Group>
    </Stack>
  );
}

type Dialog =
  { kind: 'create' } | { kind: 'edit'; graph: GraphSummary } | { kind: 'delete'; graph: GraphSummary } | null;

/** The graph's last refused composition, beside its last success: when, who, and the first error. */
function LastFailure({ graph }: { graph: GraphSummary }) {
  const { t } = useTranslation('administrator');
  const language = useLanguage();
  const failure = graph.lastFailure;
  if (!failure) return null;
  const newer = graph.composedAt === null || Date.parse(failure.failedAt) > Date.parse(graph.composedAt);
  return (
    <Tooltip label={failure.errors.map((error) => error.message).join('\n')} multiline maw={500}>
      <Stack gap={0} data-testid="graph-last-failure" data-newer={newer}>
        <Text size="xs" c="red">
          {t('graphs.lastFailure', {
            date: formatDateTime(failure.failedAt, language),
            subgraph: failure.subgraph,
            agency: failure.agency || '—',
            count: failure.errorCount,
          })}
          {newer ? ` · ${t('graphs.lastFailureNewer')}` : ''}
        </Text>
        <Text size="xs" c="dimmed" lineClamp={2}>
          {failure.errors[0]?.message ?? ''}
        </Text>
      </Stack>
    </Tooltip>
  );
}

export function Graphs() {
  const { t } = useTranslation('administrator');
  const language = useLanguage();
  const graphs = useGraphs();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const columns: Column<GraphSummary>[] = [
    {
      key: 'name',
      title: t('graphs.name'),
      render: (graph) => (
        <>
          <Text size="sm" fw={500}>
            {graph.name}
          </Text>
          {graph.description ? (
            <Text size="xs" c="dimmed">
              {graph.description}
            </Text>
          ) : null}
        </>
      ),
      text: (graph) => `${graph.name} ${graph.description}`,
    },
    {
      key: 'themes',
      title: t('graphs.themes'),
      render: (graph) => <ThemeBadges themes={graph.themes} empty={t('graphs.allThemes')} />,
      text: (graph) => graph.themes.join(' '),
    },
    {
      key: 'excluded',
      title: t('graphs.excluded'),
      render: (graph) => <ThemeBadges themes={graph.excludedThemes} empty="—" />,
      text: (graph) => graph.excludedThemes.join(' '),
    },
    {
      key: 'subgraphs',
      title: t('graphs.subgraphs'),
      render: (graph) => (
        <Tooltip label={graph.subgraphs.join(', ') || '—'} multiline maw={400}>
          <Text size="sm">{graph.subgraphs.length}</Text>
        </Tooltip>
      ),
      text: (graph) => graph.subgraphs.join(' '),
    },
    {
      key: 'health',
      title: t('graphs.health'),
      render: (graph) => {
        const health = graphHealth(graph);
        const label = {
          composed: t('graphs.healthComposed'),
          empty: t('graphs.healthEmpty'),
          failed: t('graphs.healthFailed'),
        }[health];
        return (
          <Stack gap={2}>
            <Badge
              color={HEALTH_COLORS[health]}
              variant="light"
              data-testid="graph-health"
              data-health={health}
            >
              {label}
            </Badge>
            <Text size="xs" c="dimmed">
              {health === 'composed'
                ? t('graphs.composed', {
                    version: graph.version,
                    date: formatDateTime(graph.composedAt, language),
                  })
                : health === 'empty'
                  ? t('graphs.healthEmptyHint')
                  : t('graphs.healthFailedHint')}
            </Text>
            <LastFailure graph={graph} />
          </Stack>
        );
      },
      text: (graph) => graphHealth(graph),
    },
    {
      key: 'actions',
      title: t('common:common.actions'),
      render: (graph) => (
        <Group gap={4} wrap="nowrap">
          <Button
            size="xs"
            variant="light"
            data-testid="graph-edit"
            onClick={() => setDialog({ kind: 'edit', graph })}
          >
            {t('graphs.edit')}
          </Button>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            data-testid="graph-delete"
            onClick={() => setDialog({ kind: 'delete', graph })}
          >
            {t('graphs.delete')}
          </Button>
        </Group>
      ),
    },
  ];

  const openDialog: OpenDialog | null =
    dialog?.kind === 'create'
      ? {
          title: t('graphs.createTitle'),
          body: (
            <CreateGraph
              onDone={(name) => {
                setDialog(null);
                setNotice(t('graphs.created', { name }));
              }}
            />
          ),
        }
      : dialog?.kind === 'edit'
        ? {
            title: t('graphs.editTitle', { name: dialog.graph.name }),
            body: (
              <EditGraph
                key={dialog.graph.name}
                graph={dialog.graph}
                onDone={() => {
                  setNotice(t('graphs.updated', { name: dialog.graph.name }));
                  setDialog(null);
                }}
              />
            ),
          }
        : dialog?.kind === 'delete'
          ? {
              title: t('graphs.deleteTitle', { name: dialog.graph.name }),
              body: (
                <DeleteGraph
                  key={dialog.graph.name}
                  graph={dialog.graph}
                  onCancel={() => setDialog(null)}
                  onDone={() => {
                    setNotice(t('graphs.deleted', { name: dialog.graph.name }));
                    setDialog(null);
                  }}
                />
              ),
            }
          : null;

  return (
    <ListWithDialog
      title={t('graphs.title')}
      description={t('graphs.description')}
      create={{
        label: t('graphs.create'),
        testId: 'graph-create',
        onClick: () => setDialog({ kind: 'create' }),
      }}
      notice={{ text: notice, testId: 'graph-notice', onClose: () => setNotice(null) }}
      list={graphs}
      table={{
        testId: 'graphs-table',
        columns,
        rows: graphs.data,
        rowKey: (graph) => graph.name,
        loading: graphs.isLoading,
        filterable: true,
      }}
      dialog={openDialog}
      dialogSize="lg"
      onDialogClose={() => setDialog(null)}
    />
  );
}
