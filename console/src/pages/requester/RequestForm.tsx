/**
 * The access request form: one of the requester's client applications, one graph, the fields picked
 * (single fields or `Type.*`), purpose, legal basis, period and an optional daily quota. Fields come
 * from lists (the directory, the explorer's refusal, or the picker here): nothing is typed by hand.
 * Conditions (hours, arguments, list size) are set by the administrator and the agencies when they
 * decide; the request detail shows them.
 */
import { Alert, Button, Card, Group, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useClients } from '../../api/access';
import { useSubmitAccessRequest } from '../../api/accessRequests';
import { graphTypes, useDirectory } from '../../api/directory';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { bindDraft } from '../../hooks/bindDraft';
import { useRequestDraft } from './requestDraft';

const COORDINATE = /^[A-Za-z_][A-Za-z0-9_]*\.([A-Za-z_][A-Za-z0-9_]*|\*)$/;

export function RequestForm() {
  const { t } = useTranslation('requester');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [draft, setDraft, clearDraft] = useRequestDraft();
  const clients = useClients();
  const directory = useDirectory();
  const submit = useSubmitAccessRequest();

  // Fields named by the explorer's refusal link (?graph=&fields=) join the draft once, then leave the URL.
  useEffect(() => {
    const graph = params.get('graph');
    const fields = (params.get('fields') ?? '').split(',').map((field) => field.trim()).filter((field) => COORDINATE.test(field));
    if (!graph || !/^[a-z][a-z0-9-]{0,62}$/.test(graph)) return;
    setDraft((current) => ({
      ...current,
      graph,
      coordinates: [...new Set([...(current.graph === graph ? current.coordinates : []), ...fields])].sort(),
    }));
    setParams({}, { replace: true });
  }, [params, setDraft, setParams]);

  // A single client is the one to use.
  useEffect(() => {
    const only = clients.data?.length === 1 ? clients.data[0] : undefined;
    if (!draft.clientId && only) setDraft((current) => ({ ...current, clientId: only.id }));
  }, [clients.data, draft.clientId, setDraft]);

  const graphNames = useMemo(() => {
    const names = new Set<string>();
    for (const theme of directory.data ?? []) for (const graph of theme.graphs) names.add(graph.name);
    return [...names].sort();
  }, [directory.data]);

  // One group per type (a type several agencies serve is one group); every value once, as the
  // select requires.
  const fieldOptions = useMemo(() => {
    const groups = new Map<string, { value: string; label: string }[]>();
    const known = new Set<string>();
    for (const { type } of graphTypes(directory.data, draft.graph)) {
      const options = groups.get(type.name) ?? [];
      for (const option of [{ value: `${type.name}.*`, label: t('form.wholeType', { type: type.name }) }, ...type.fields.map((field) => ({ value: field.coordinate, label: field.coordinate }))]) {
        if (known.has(option.value)) continue;
        known.add(option.value);
        options.push(option);
      }
      groups.set(type.name, options);
    }
    // Fields picked elsewhere stay selectable even before the directory has loaded.
    const extra = draft.coordinates.filter((coordinate) => !known.has(coordinate));
    const list = [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([group, items]) => ({ group, items }));
    if (extra.length > 0) list.unshift({ group: t('form.pickedElsewhere'), items: extra.map((value) => ({ value, label: value })) });
    return list;
  }, [directory.data, draft.graph, draft.coordinates, t]);

  const clientOptions = (clients.data ?? []).map((client) => ({ value: client.id, label: client.agency ? `${client.name} (${client.agency.name})` : `${client.name} (${client.organization})` }));
  const quota = draft.quotaPerDay.trim() === '' ? undefined : Number(draft.quotaPerDay);
  const ready = draft.clientId !== '' && draft.graph !== '' && draft.coordinates.length > 0 && draft.purpose.trim().length >= 10 && draft.legalBasis.trim().length >= 3 && draft.periodStart !== '' && draft.periodEnd !== '';

  const send = () => {
    submit.mutate(
      {
        clientId: draft.clientId,
        graph: draft.graph,
        coordinates: draft.coordinates,
        purpose: draft.purpose,
        legalBasis: draft.legalBasis,
        periodStart: draft.periodStart,
        periodEnd: draft.periodEnd,
        ...(quota !== undefined && Number.isFinite(quota) ? { quotaPerDay: quota } : {}),
      },
      {
        onSuccess: (request) => {
          clearDraft();
          void navigate(`/pemohon/permohonan/${request.id}`);
        },
      },
    );
  };

  return (
    <Stack maw={900}>
      <PageHeader title={t('form.title')} description={t('form.description')} />
      {clients.error ? <ErrorAlert error={clients.error} onRetry={() => void clients.refetch()} /> : null}
      {clients.data && clients.data.length === 0 ? (
        <Alert color="blue" data-testid="no-clients">
          <Stack gap="xs">
            <Text size="sm">{t('form.noClients')}</Text>
            <Button component={Link} to="/pemohon/aplikasi" size="xs" w="fit-content">
              {t('form.registerClient')}
            </Button>
          </Stack>
        </Alert>
      ) : null}
      <Card withBorder>
        <Stack>
          <Select
            label={t('form.client')}
            description={t('form.clientHint')}
            data={clientOptions}
            value={draft.clientId || null}
            onChange={(value) => setDraft((current) => ({ ...current, clientId: value ?? '' }))}
            data-testid="request-client"
            searchable
            required
          />
          <Select
            label={t('form.graph')}
            description={t('form.graphHint')}
            data={graphNames.includes(draft.graph) || !draft.graph ? graphNames : [draft.graph, ...graphNames]}
            value={draft.graph || null}
            onChange={(value) => setDraft((current) => (value === current.graph ? current : { ...current, graph: value ?? '', coordinates: [] }))}
            data-testid="request-graph"
            required
          />
          <MultiSelect
            label={t('form.fields')}
            description={t('form.fieldsHint')}
            data={fieldOptions}
            value={draft.coordinates}
            onChange={(value) => setDraft((current) => ({ ...current, coordinates: [...value].sort() }))}
            searchable
            clearable
            maxDropdownHeight={320}
            data-testid="request-fields"
            disabled={!draft.graph}
            required
          />
          <Group gap="xs">
            <Button component={Link} to="/pemohon/direktori" variant="subtle" size="xs" data-testid="request-browse">
              {t('form.browse')}
            </Button>
          </Group>
          <Textarea
            label={t('form.purpose')}
            description={t('form.purposeHint')}
            autosize
            minRows={3}
            maxLength={4000}
            {...bindDraft(draft, setDraft, 'purpose')}
            data-testid="request-purpose"
            required
          />
          <TextInput
            label={t('form.legalBasis')}
            description={t('form.legalBasisHint')}
            maxLength={2000}
            {...bindDraft(draft, setDraft, 'legalBasis')}
            data-testid="request-legal-basis"
            required
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              type="date"
              label={t('form.periodStart')}
              {...bindDraft(draft, setDraft, 'periodStart')}
              data-testid="request-period-start"
              required
            />
            <TextInput
              type="date"
              label={t('form.periodEnd')}
              {...bindDraft(draft, setDraft, 'periodEnd')}
              data-testid="request-period-end"
              required
            />
            <NumberInput
              label={t('form.quota')}
              description={t('form.quotaHint')}
              min={1}
              max={100_000_000}
              allowDecimal={false}
              allowNegative={false}
              value={draft.quotaPerDay === '' ? '' : Number(draft.quotaPerDay)}
              onChange={(value) => setDraft((current) => ({ ...current, quotaPerDay: value === '' ? '' : String(value) }))}
              data-testid="request-quota"
            />
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {t('form.conditionsNote')}
          </Text>
          {submit.error ? <ErrorAlert error={submit.error} /> : null}
          <Group justify="space-between">
            <Button variant="subtle" color="gray" onClick={clearDraft} data-testid="request-reset">
              {t('form.reset')}
            </Button>
            <Button onClick={send} disabled={!ready} loading={submit.isPending} data-testid="request-submit">
              {t('form.submit')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
