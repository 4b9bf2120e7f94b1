/**
 * The administrative trail, searched on the registry: by actor, action, reason or subject text and
 * date range, newest first, a page at a time. The filter lives in the address, so a request's page
 * can link to its own entries (`?subject=<id>`).
 */
import { Button, Code, Grid, Group, Modal, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useTrail } from '../../api/adminTrail';
import type { TrailEntry, TrailFilter } from '../../api/adminTrail';
import { DataTable } from '../../components/DataTable';
import type { Column } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useLanguage } from '../../i18n';
import { actionLabel, formatDateTime } from './format';
import { messages } from './messages';

const PAGE_SIZE = 25;
const FILTER_KEYS = ['actor', 'action', 'q', 'from', 'to', 'subject'] as const;
const ACTIONS = Object.keys((messages.id as { actions: Record<string, string> }).actions).map((key) =>
  key.replace('__', '.'),
);

function filterFrom(params: URLSearchParams): TrailFilter {
  const filter: TrailFilter = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filter[key] = value;
  }
  return filter;
}

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
      {JSON.stringify(value, null, 2)}
    </Code>
  );
}

export function Trail() {
  const { t } = useTranslation('administrator');
  const language = useLanguage();
  const [params, setParams] = useSearchParams();
  const applied = filterFrom(params);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [form, setForm] = useState<TrailFilter>(applied);
  const [shown, setShown] = useState<TrailEntry | null>(null);
  const trail = useTrail(applied, page, PAGE_SIZE);

  const apply = (filter: TrailFilter, nextPage = 1) => {
    const next: Record<string, string> = {};
    for (const key of FILTER_KEYS) {
      const value = filter[key]?.trim();
      if (value) next[key] = value;
    }
    if (nextPage > 1) next.page = String(nextPage);
    setParams(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply({ ...form, ...(applied.subject ? { subject: applied.subject } : {}) });
  };
  const set = (key: keyof TrailFilter) => (value: string | null) =>
    setForm((current) => ({ ...current, [key]: value ?? '' }));

  const columns: Column<TrailEntry>[] = [
    {
      key: 'time',
      title: t('trail.time'),
      render: (entry) => (
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(entry.occurredAt, language)}
        </Text>
      ),
    },
    {
      key: 'actor',
      title: t('trail.actor'),
      render: (entry) => (
        <>
          <Text size="sm">{entry.actor.name}</Text>
          <Text size="xs" c="dimmed">
            {t(`common:roles.${entry.actor.role}`, { defaultValue: entry.actor.role })}
          </Text>
        </>
      ),
    },
    {
      key: 'action',
      title: t('trail.action'),
      render: (entry) => (
        <Text size="sm" fw={500} c="teal.8" data-testid="trail-action" data-action={entry.action}>
          {actionLabel(t, entry.action)}
        </Text>
      ),
    },
    {
      key: 'subject',
      title: t('trail.subject'),
      render: (entry) => (
        <Text size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
          {entry.subjectType}: {entry.subjectId}
        </Text>
      ),
    },
    {
      key: 'reason',
      title: t('trail.reason'),
      render: (entry) => (
        <Text
          size="sm"
          data-testid="trail-reason"
          style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
        >
          {entry.reason}
        </Text>
      ),
    },
    {
      key: 'details',
      title: '',
      render: (entry) => (
        <Button size="xs" variant="subtle" data-testid="trail-details" onClick={() => setShown(entry)}>
          {t('trail.details')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('trail.title')} description={t('trail.description')} />
      <form onSubmit={submit} data-testid="trail-filter">
        <Grid align="flex-end" mb="sm">
          <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
            <TextInput
              label={t('trail.actor')}
              placeholder={t('trail.actorPlaceholder')}
              value={form.actor ?? ''}
              data-testid="trail-actor"
              onChange={(event) => set('actor')(event.currentTarget.value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
            <Select
              label={t('trail.action')}
              placeholder={t('trail.anyAction')}
              clearable
              searchable
              data={ACTIONS.map((action) => ({ value: action, label: actionLabel(t, action) }))}
              value={form.action ?? null}
              data-testid="trail-action-select"
              onChange={set('action')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
            <TextInput
              label={t('trail.text')}
              value={form.q ?? ''}
              data-testid="trail-text"
              onChange={(event) => set('q')(event.currentTarget.value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 2 }}>
            <TextInput
              type="date"
              label={t('trail.from')}
              value={form.from ?? ''}
              data-testid="trail-from"
              onChange={(event) => set('from')(event.currentTarget.value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 2 }}>
            <TextInput
              type="date"
              label={t('trail.to')}
              value={form.to ?? ''}
              data-testid="trail-to"
              onChange={(event) => set('to')(event.currentTarget.value)}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <Group>
              <Button type="submit" data-testid="trail-search">
                {t('trail.search')}
              </Button>
              <Button
                variant="default"
                data-testid="trail-reset"
                onClick={() => {
                  setForm({});
                  apply({});
                }}
              >
                {t('trail.reset')}
              </Button>
              {applied.subject ? (
                <Button
                  variant="subtle"
                  data-testid="trail-clear-subject"
                  onClick={() => apply({ ...applied, subject: '' })}
                >
                  {t('trail.subjectFilter', { subject: applied.subject })} · {t('trail.clearSubject')}
                </Button>
              ) : null}
            </Group>
          </Grid.Col>
        </Grid>
      </form>
      {trail.error ? <ErrorAlert error={trail.error} onRetry={() => void trail.refetch()} /> : null}
      <DataTable
        testId="trail-table"
        columns={columns}
        rows={trail.data?.entries}
        rowKey={(entry) => String(entry.seq)}
        loading={trail.isFetching}
        pageSize={PAGE_SIZE}
        total={trail.data?.total ?? 0}
        page={page}
        onPageChange={(next) => apply(applied, next)}
        empty={t('trail.empty')}
      />
      <Modal
        opened={shown !== null}
        onClose={() => setShown(null)}
        size="lg"
        title={shown ? t('trail.detailsTitle', { seq: shown.seq }) : ''}
      >
        {shown ? (
          <Stack gap="xs" data-testid="trail-entry">
            <Text size="sm">
              {actionLabel(t, shown.action)} · {shown.actor.name} ·{' '}
              {formatDateTime(shown.occurredAt, language)}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {shown.reason}
            </Text>
            <Title order={6}>{t('trail.before')}</Title>
            <Json value={shown.before} />
            <Title order={6}>{t('trail.after')}</Title>
            <Json value={shown.after} />
          </Stack>
        ) : null}
      </Modal>
    </>
  );
}
