/** Agencies (PD) and themes: both listed, filterable and paged, each with a form to add one. */
import { Alert, Button, Card, Grid, Stack, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencies, useCreateAgency, useCreateTheme, useThemes } from '../../api/adminCatalogue';
import type { Agency, Theme } from '../../api/adminCatalogue';
import { DataTable } from '../../components/DataTable';
import type { Column } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useDraft } from '../../hooks/useDraft';

const SLUG = /^[a-z][a-z0-9-]{0,62}$/;

function SlugInput({ value, onChange, testId }: { value: string; onChange: (value: string) => void; testId: string }) {
  const { t } = useTranslation('administrator');
  return (
    <TextInput
      label={t('catalogue.slug')}
      description={t('catalogue.slugHint')}
      required
      value={value}
      error={value !== '' && !SLUG.test(value) ? t('form.slugInvalid') : undefined}
      data-testid={testId}
      onChange={(event) => onChange(event.currentTarget.value)}
    />
  );
}

function Agencies() {
  const { t } = useTranslation('administrator');
  const agencies = useAgencies();
  const create = useCreateAgency();
  const [draft, setDraft, clearDraft] = useDraft('admin.agency.create', { slug: '', name: '', description: '', contact: '' });
  const [notice, setNotice] = useState<string | null>(null);
  const set = (key: keyof typeof draft) => (value: string) => setDraft((current) => ({ ...current, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!SLUG.test(draft.slug)) return;
    create.mutate(draft, {
      onSuccess: (agency) => {
        clearDraft();
        setNotice(t('catalogue.agencyCreated', { name: agency.name }));
      },
    });
  };
  const columns: Column<Agency>[] = [
    { key: 'slug', title: t('catalogue.slug'), render: (agency) => agency.slug, text: (agency) => agency.slug },
    { key: 'name', title: t('catalogue.name'), render: (agency) => agency.name, text: (agency) => agency.name },
    { key: 'contact', title: t('catalogue.contact'), render: (agency) => agency.contact, text: (agency) => agency.contact },
  ];
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {t('catalogue.agencies')}
      </Title>
      {agencies.error ? <ErrorAlert error={agencies.error} onRetry={() => void agencies.refetch()} /> : null}
      <DataTable testId="agencies-table" columns={columns} rows={agencies.data} rowKey={(agency) => agency.id} loading={agencies.isLoading} filterable pageSize={10} />
      <form onSubmit={submit} data-testid="agency-create-form">
        <Stack mt="md">
          <SlugInput value={draft.slug} onChange={set('slug')} testId="agency-slug" />
          <TextInput label={t('catalogue.name')} required minLength={2} maxLength={200} value={draft.name} data-testid="agency-name" onChange={(event) => set('name')(event.currentTarget.value)} />
          <Textarea label={t('catalogue.description2')} maxLength={2000} value={draft.description} onChange={(event) => set('description')(event.currentTarget.value)} />
          <TextInput label={t('catalogue.contact')} maxLength={500} value={draft.contact} onChange={(event) => set('contact')(event.currentTarget.value)} />
          {create.error ? <ErrorAlert error={create.error} /> : null}
          {notice ? <Alert color="green" data-testid="agency-notice">{notice}</Alert> : null}
          <Button type="submit" w="fit-content" loading={create.isPending} data-testid="agency-create-submit">
            {t('catalogue.createAgency')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

function Themes() {
  const { t } = useTranslation('administrator');
  const themes = useThemes();
  const create = useCreateTheme();
  const [draft, setDraft, clearDraft] = useDraft('admin.theme.create', { slug: '', name: '', description: '' });
  const [notice, setNotice] = useState<string | null>(null);
  const set = (key: keyof typeof draft) => (value: string) => setDraft((current) => ({ ...current, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!SLUG.test(draft.slug)) return;
    create.mutate(draft, {
      onSuccess: (theme) => {
        clearDraft();
        setNotice(t('catalogue.themeCreated', { name: theme.name }));
      },
    });
  };
  const columns: Column<Theme>[] = [
    { key: 'slug', title: t('catalogue.slug'), render: (theme) => theme.slug, text: (theme) => theme.slug },
    { key: 'name', title: t('catalogue.name'), render: (theme) => theme.name, text: (theme) => theme.name },
    { key: 'description', title: t('catalogue.description2'), render: (theme) => theme.description, text: (theme) => theme.description },
  ];
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {t('catalogue.themes')}
      </Title>
      {themes.error ? <ErrorAlert error={themes.error} onRetry={() => void themes.refetch()} /> : null}
      <DataTable testId="themes-table" columns={columns} rows={themes.data} rowKey={(theme) => theme.id} loading={themes.isLoading} filterable pageSize={10} />
      <form onSubmit={submit} data-testid="theme-create-form">
        <Stack mt="md">
          <SlugInput value={draft.slug} onChange={set('slug')} testId="theme-slug" />
          <TextInput label={t('catalogue.name')} required minLength={2} maxLength={200} value={draft.name} data-testid="theme-name" onChange={(event) => set('name')(event.currentTarget.value)} />
          <Textarea label={t('catalogue.description2')} maxLength={2000} value={draft.description} onChange={(event) => set('description')(event.currentTarget.value)} />
          {create.error ? <ErrorAlert error={create.error} /> : null}
          {notice ? <Alert color="green" data-testid="theme-notice">{notice}</Alert> : null}
          <Button type="submit" w="fit-content" loading={create.isPending} data-testid="theme-create-submit">
            {t('catalogue.createTheme')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

export function Catalogue() {
  const { t } = useTranslation('administrator');
  return (
    <>
      <PageHeader title={t('catalogue.title')} description={t('catalogue.description')} />
      <Grid>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Agencies />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Themes />
        </Grid.Col>
      </Grid>
    </>
  );
}
