/**
 * "Check a new schema": the publisher pastes SDL for one of its subgraphs (or a new one) and sees the
 * report the publish would give — composition, breaking changes, protected fields — with nothing
 * stored. The form is a draft: it survives a session expiry.
 */
import { Button, Group, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useAgencySubgraphs, useCheckSubgraph, useLatestSdl } from '../../api/publishing';
import type { PublishReport } from '../../api/publishing';
import { useUser } from '../../api/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useDraft } from '../../hooks/useDraft';
import { bindDraft } from '../../hooks/bindDraft';
import { CheckReport } from './CheckReport';

interface CheckDraft {
  name: string;
  theme: string;
  routingUrl: string;
  schema: string;
}

const EMPTY: CheckDraft = { name: '', theme: '', routingUrl: '', schema: '' };

/** A refusal may carry the report of the checks that ran before it (`details.report`). */
function refusedReport(error: unknown): PublishReport | null {
  if (!(error instanceof ApiError) || typeof error.details !== 'object' || error.details === null) return null;
  const report = (error.details as { report?: PublishReport }).report;
  return report && Array.isArray(report.composition) ? report : null;
}

export function CheckSchema() {
  const { t } = useTranslation('publisher');
  const user = useUser();
  const [searchParams] = useSearchParams();
  const subgraphs = useAgencySubgraphs(user.agencySlug);
  const [draft, setDraft, clearDraft] = useDraft<CheckDraft>('publisher.check', EMPTY);
  const check = useCheckSubgraph();
  const known = subgraphs.data?.subgraphs.find((subgraph) => subgraph.name === draft.name);
  const latest = useLatestSdl(known ? known.name : null);

  // Opened from a subgraph's page: start from that subgraph (unless a draft is already under way).
  // Only once, on arrival: a name the user clears afterwards stays cleared.
  const fromLink = searchParams.get('subgraph');
  useEffect(() => {
    if (fromLink) setDraft((current) => (current.name === '' ? { ...current, name: fromLink } : current));
  }, [fromLink, setDraft]);

  // Choosing a known subgraph fills what the registry already has, keeping what was typed.
  useEffect(() => {
    if (!known) return;
    setDraft((current) => ({
      ...current,
      theme: current.theme || known.theme,
      routingUrl: current.routingUrl || known.routingUrl,
    }));
  }, [known, setDraft]);

  const missing = draft.name.trim() === '' || draft.theme.trim() === '' || draft.routingUrl.trim() === '' || draft.schema.trim() === '';
  const submit = () =>
    check.mutate({ name: draft.name.trim(), theme: draft.theme.trim(), routingUrl: draft.routingUrl.trim(), schema: draft.schema });

  return (
    <Stack>
      <PageHeader title={t('check.title')} description={t('check.description')} />
      <Stack gap="sm" maw={900}>
        <Select
          label={t('check.subgraph')}
          description={t('check.subgraphHint')}
          searchable
          data-testid="check-subgraph"
          data={(subgraphs.data?.subgraphs ?? []).map((subgraph) => ({ value: subgraph.name, label: subgraph.name }))}
          value={known ? known.name : null}
          onChange={(value) => setDraft((current) => ({ ...current, name: value ?? '', theme: '', routingUrl: '' }))}
          clearable
        />
        <TextInput
          label={t('check.name')}
          data-testid="check-name"
          {...bindDraft(draft, setDraft, 'name')}
          required
        />
        <Group grow>
          <TextInput
            label={t('check.theme')}
            data-testid="check-theme"
            {...bindDraft(draft, setDraft, 'theme')}
            required
          />
          <TextInput
            label={t('check.routingUrl')}
            data-testid="check-routing-url"
            {...bindDraft(draft, setDraft, 'routingUrl')}
            required
          />
        </Group>
        <Textarea
          label={t('check.schema')}
          description={t('check.schemaHint')}
          data-testid="check-schema"
          autosize
          minRows={10}
          maxRows={30}
          styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
          {...bindDraft(draft, setDraft, 'schema')}
          required
        />
        <Group>
          <Button onClick={submit} loading={check.isPending} disabled={missing} data-testid="check-submit">
            {t('check.submit')}
          </Button>
          {latest.data ? (
            <Button
              variant="light"
              data-testid="check-load-latest"
              onClick={() => setDraft((current) => ({ ...current, schema: latest.data ?? '' }))}
            >
              {t('check.loadLatest')}
            </Button>
          ) : null}
          <Button
            variant="subtle"
            color="gray"
            data-testid="check-clear"
            onClick={() => {
              clearDraft();
              check.reset();
            }}
          >
            {t('check.clear')}
          </Button>
        </Group>
      </Stack>
      {check.error ? <ErrorAlert error={check.error} /> : null}
      {refusedReport(check.error) ? <CheckReport report={refusedReport(check.error)!} /> : null}
      {check.data ? <CheckReport report={check.data.report} unchanged={check.data.unchanged} /> : null}
    </Stack>
  );
}
