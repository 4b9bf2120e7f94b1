/** Agencies (PD) and themes: both listed, filterable and paged, each with a form to add one. */
import { Alert, Button, Card, Grid, Group, Modal, Stack, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import {
  useAgencies,
  useCreateAgency,
  useCreateTheme,
  useThemes,
  useUpdateCatalogueEntry,
} from '../../api/adminCatalogue';
import { DataTable } from '../../components/DataTable';
import type { Column } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useDraft } from '../../hooks/useDraft';

const SLUG = /^[a-z][a-z0-9-]{0,62}$/;

interface Entry {
  id: string;
  slug: string;
  name: string;
  description: string;
  contact?: string;
}

type Input = Record<'slug' | 'name' | 'description', string> & { contact?: string };

/** Changing an entry's name, description (and an agency's contact); its short name stays. */
function EditEntry<T extends Entry>({
  kind,
  entry,
  onDone,
}: {
  kind: 'agency' | 'theme';
  entry: T;
  onDone: () => void;
}) {
  const { t } = useTranslation('administrator');
  const update = useUpdateCatalogueEntry(kind);
  const initial: Omit<Input, 'slug'> = {
    name: entry.name,
    description: entry.description,
    ...(kind === 'agency' ? { contact: entry.contact ?? '' } : {}),
  };
  const [draft, setDraft, clearDraft] = useDraft(`admin.${kind}.edit.${entry.slug}`, initial);
  const set = (key: keyof Omit<Input, 'slug'>) => (value: string) =>
    setDraft((current) => ({ ...current, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      { slug: entry.slug, ...draft },
      {
        onSuccess: () => {
          clearDraft();
          onDone();
        },
      },
    );
  };
  return (
    <form onSubmit={submit} data-testid={`${kind}-edit-form`}>
      <Stack>
        <TextInput
          label={t('catalogue.name')}
          required
          minLength={2}
          maxLength={200}
          value={draft.name}
          data-testid={`${kind}-edit-name`}
          onChange={(event) => set('name')(event.currentTarget.value)}
        />
        <Textarea
          label={t('catalogue.description2')}
          maxLength={2000}
          value={draft.description}
          onChange={(event) => set('description')(event.currentTarget.value)}
        />
        {draft.contact !== undefined ? (
          <TextInput
            label={t('catalogue.contact')}
            maxLength={500}
            value={draft.contact}
            onChange={(event) => set('contact')(event.currentTarget.value)}
          />
        ) : null}
        {update.error ? <ErrorAlert error={update.error} /> : null}
        <Group justify="flex-end">
          <Button type="submit" loading={update.isPending} data-testid={`${kind}-edit-submit`}>
            {t('common:common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** One catalogue (agencies or themes): its list and the form that adds to it. */
function CatalogueCard<T extends Entry>(props: {
  kind: 'agency' | 'theme';
  title: string;
  list: UseQueryResult<T[]>;
  create: UseMutationResult<T, Error, Input>;
  initial: Input;
  submitLabel: string;
  createdMessage: (entry: T) => string;
}) {
  const { t } = useTranslation('administrator');
  const { kind, list, create } = props;
  const [draft, setDraft, clearDraft] = useDraft(`admin.${kind}.create`, props.initial);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<T | null>(null);
  const set = (key: keyof Input) => (value: string) => setDraft((current) => ({ ...current, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!SLUG.test(draft.slug)) return;
    create.mutate(draft, {
      onSuccess: (entry) => {
        clearDraft();
        setNotice(props.createdMessage(entry));
      },
    });
  };
  const columns: Column<T>[] = [
    { key: 'slug', title: t('catalogue.slug'), render: (entry) => entry.slug, text: (entry) => entry.slug },
    { key: 'name', title: t('catalogue.name'), render: (entry) => entry.name, text: (entry) => entry.name },
    kind === 'agency'
      ? {
          key: 'contact',
          title: t('catalogue.contact'),
          render: (entry) => entry.contact ?? '',
          text: (entry) => entry.contact ?? '',
        }
      : {
          key: 'description',
          title: t('catalogue.description2'),
          render: (entry) => entry.description,
          text: (entry) => entry.description,
        },
    {
      key: 'edit',
      title: '',
      render: (entry) => (
        <Button size="xs" variant="subtle" data-testid={`${kind}-edit`} onClick={() => setEditing(entry)}>
          {t('catalogue.edit')}
        </Button>
      ),
    },
  ];
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {props.title}
      </Title>
      {list.error ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      <DataTable
        testId={`${kind === 'agency' ? 'agencies' : 'themes'}-table`}
        columns={columns}
        rows={list.data}
        rowKey={(entry) => entry.id}
        loading={list.isLoading}
        filterable
        pageSize={10}
      />
      <form onSubmit={submit} data-testid={`${kind}-create-form`}>
        <Stack mt="md">
          <TextInput
            label={t('catalogue.slug')}
            description={t('catalogue.slugHint')}
            required
            value={draft.slug}
            error={draft.slug !== '' && !SLUG.test(draft.slug) ? t('form.slugInvalid') : undefined}
            data-testid={`${kind}-slug`}
            onChange={(event) => set('slug')(event.currentTarget.value)}
          />
          <TextInput
            label={t('catalogue.name')}
            required
            minLength={2}
            maxLength={200}
            value={draft.name}
            data-testid={`${kind}-name`}
            onChange={(event) => set('name')(event.currentTarget.value)}
          />
          <Textarea
            label={t('catalogue.description2')}
            maxLength={2000}
            value={draft.description}
            onChange={(event) => set('description')(event.currentTarget.value)}
          />
          {draft.contact !== undefined ? (
            <TextInput
              label={t('catalogue.contact')}
              maxLength={500}
              value={draft.contact}
              onChange={(event) => set('contact')(event.currentTarget.value)}
            />
          ) : null}
          {create.error ? <ErrorAlert error={create.error} /> : null}
          {notice ? (
            <Alert color="green" data-testid={`${kind}-notice`}>
              {notice}
            </Alert>
          ) : null}
          <Button
            type="submit"
            w="fit-content"
            loading={create.isPending}
            data-testid={`${kind}-create-submit`}
          >
            {props.submitLabel}
          </Button>
        </Stack>
      </form>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing ? t('catalogue.editTitle', { name: editing.name }) : ''}
      >
        {editing ? (
          <EditEntry
            key={editing.slug}
            kind={kind}
            entry={editing}
            onDone={() => {
              setNotice(t('catalogue.updated', { slug: editing.slug }));
              setEditing(null);
            }}
          />
        ) : null}
      </Modal>
    </Card>
  );
}

export function Catalogue() {
  const { t } = useTranslation('administrator');
  const agencies = useAgencies();
  const themes = useThemes();
  const createAgency = useCreateAgency();
  const createTheme = useCreateTheme();
  return (
    <>
      <PageHeader title={t('catalogue.title')} description={t('catalogue.description')} />
      <Grid>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <CatalogueCard
            kind="agency"
            title={t('catalogue.agencies')}
            list={agencies}
            create={createAgency}
            initial={{ slug: '', name: '', description: '', contact: '' }}
            submitLabel={t('catalogue.createAgency')}
            createdMessage={(agency) => t('catalogue.agencyCreated', { name: agency.name })}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <CatalogueCard
            kind="theme"
            title={t('catalogue.themes')}
            list={themes}
            create={createTheme}
            initial={{ slug: '', name: '', description: '' }}
            submitLabel={t('catalogue.createTheme')}
            createdMessage={(theme) => t('catalogue.themeCreated', { name: theme.name })}
          />
        </Grid.Col>
      </Grid>
    </>
  );
}
