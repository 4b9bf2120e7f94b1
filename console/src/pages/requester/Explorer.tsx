/**
 * The explorer: GraphiQL against the gateway with the requester's own API key, through the
 * registry's same-origin forwarding (the page's CSP allows no other connection). The gateway answers
 * introspection filtered to the key's grants, so the schema shown is the key's own. A refused field
 * (FORBIDDEN_FIELD) is named, with the graphs the key may use and a link to the request form with
 * those fields filled in. Loaded on demand: GraphiQL and its editor stay out of the other pages.
 */
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { Alert, Anchor, Button, Card, Group, PasswordInput, Select, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { Fetcher, FetcherReturnType } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Client, Credential } from '../../api/access';
import type { Grant } from '../../api/accessRequests';
import { get } from '../../api/client';
import { useDirectory } from '../../api/directory';
import { apiKeyPrefix, deniedCoordinatesOf, explorerFetch, storeApiKey, storedApiKey } from '../../api/explorer';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { requestFormHref } from './requestDraft';

interface KeyOwner {
  client: Client;
  credential: Credential;
  /** Graph name → fields the key currently holds there. */
  graphs: Map<string, number>;
}

/** Which of the requester's clients the key belongs to (by its prefix), and its current grants. */
function useKeyOwner(apiKey: string) {
  const prefix = apiKeyPrefix(apiKey);
  return useQuery({
    queryKey: ['explorer-key-owner', prefix],
    enabled: prefix !== null,
    queryFn: async (): Promise<KeyOwner | null> => {
      const clients = await get<Client[]>('/v1/clients');
      for (const client of clients) {
        const credentials = await get<Credential[]>(`/v1/clients/${encodeURIComponent(client.id)}/credentials`);
        const credential = credentials.find((entry) => entry.prefix === prefix);
        if (!credential) continue;
        const grants = await get<Grant[]>('/v1/grants', { query: { clientId: client.id, current: 'true' } });
        const graphs = new Map<string, number>();
        for (const grant of grants) if (grant.state === 'active') graphs.set(grant.graph, (graphs.get(grant.graph) ?? 0) + 1);
        return { client, credential, graphs };
      }
      return null;
    },
  });
}

/** GraphiQL's fetcher for one graph and key; a FORBIDDEN_FIELD answer is reported to the page. */
function explorerFetcher(graph: string, apiKey: string, onRefused: (refused: Refused) => void): Fetcher {
  return async (params) => {
    const result = await explorerFetch(graph, apiKey, params);
    const denied = deniedCoordinatesOf(result);
    onRefused(denied.length > 0 ? { graph, coordinates: denied } : null);
    // The gateway's JSON as GraphiQL shows it: plain objects in the shape of an execution result.
    return result as unknown as Awaited<FetcherReturnType>;
  };
}

type Refused = { graph: string; coordinates: string[] } | null;

/** GraphiQL for one graph and key (remounted when either changes, so the schema is fetched anew). */
function ExplorerPane({ graph, apiKey, onRefused }: { graph: string; apiKey: string; onRefused: (refused: Refused) => void }) {
  const fetcher = useMemo(() => explorerFetcher(graph, apiKey, onRefused), [graph, apiKey, onRefused]);
  return (
    <GraphiQL
      fetcher={fetcher}
      defaultQuery={DEFAULT_QUERY}
      isHeadersEditorEnabled={false}
      shouldPersistHeaders={false}
      storage={sessionStorage}
      forcedTheme="light"
    />
  );
}

const DEFAULT_QUERY = '# Tulis kueri GraphQL di sini; Ctrl+Enter menjalankannya.\n# Write a GraphQL query here; Ctrl+Enter runs it.\n{\n  __typename\n}\n';

export default function Explorer() {
  const { t } = useTranslation('requester');
  const [apiKey, setApiKey] = useState(storedApiKey);
  const [typed, setTyped] = useState('');
  const [graphChoice, setGraphChoice] = useState<string | null>(null);
  const [refused, setRefused] = useState<Refused>(null);
  const owner = useKeyOwner(apiKey);
  const directory = useDirectory();

  const allGraphs = useMemo(() => {
    const names = new Set<string>();
    for (const theme of directory.data ?? []) for (const graph of theme.graphs) names.add(graph.name);
    return [...names].sort();
  }, [directory.data]);
  const keyGraphs = owner.data ? [...owner.data.graphs.keys()].sort() : [];
  const graphOptions = keyGraphs.length > 0 ? keyGraphs : allGraphs;
  const graph = graphChoice && graphOptions.includes(graphChoice) ? graphChoice : (graphOptions[0] ?? 'semua');

  const applyKey = (value: string) => {
    const key = value.trim();
    storeApiKey(key);
    setApiKey(key);
    setTyped('');
    setRefused(null);
  };

  const accessList = keyGraphs.map((name) => t('explorer.graphFields', { graph: name, count: owner.data?.graphs.get(name) ?? 0 })).join(', ');

  return (
    <Stack gap="sm">
      <PageHeader title={t('explorer.title')} description={t('explorer.description')} />
      <Card withBorder>
        <Stack gap="xs">
          {apiKey ? (
            <Group justify="space-between" align="flex-end" wrap="wrap">
              <Stack gap={2}>
                <Text size="sm" data-testid="explorer-key-info">
                  {owner.data
                    ? t('explorer.keyOf', { client: owner.data.client.name, label: owner.data.credential.label, prefix: owner.data.credential.prefix })
                    : owner.isLoading
                      ? t('explorer.keyChecking')
                      : t('explorer.keyUnknown', { prefix: apiKeyPrefix(apiKey) ?? '?' })}
                </Text>
                {owner.data ? (
                  <Text size="sm" c="dimmed" data-testid="explorer-key-graphs">
                    {keyGraphs.length > 0 ? t('explorer.keyGraphs', { graphs: accessList }) : t('explorer.keyNoGraphs')}
                  </Text>
                ) : null}
              </Stack>
              <Group gap="xs" align="flex-end">
                <Select label={t('explorer.graph')} data={graphOptions.length > 0 ? graphOptions : [graph]} value={graph} onChange={setGraphChoice} allowDeselect={false} w={200} data-testid="explorer-graph" />
                <Button variant="subtle" color="gray" onClick={() => applyKey('')} data-testid="explorer-forget-key">
                  {t('explorer.forgetKey')}
                </Button>
              </Group>
            </Group>
          ) : (
            <Text size="sm">{t('explorer.noKey')}</Text>
          )}
          <Group align="flex-end" wrap="nowrap">
            <PasswordInput
              label={apiKey ? t('explorer.otherKey') : t('explorer.key')}
              description={t('explorer.keyHint')}
              placeholder="phk_…"
              value={typed}
              onChange={(event) => setTyped(event.currentTarget.value)}
              style={{ flex: 1 }}
              data-testid="explorer-key"
              autoComplete="off"
            />
            <Button onClick={() => applyKey(typed)} disabled={typed.trim() === ''} data-testid="explorer-use-key">
              {t('explorer.useKey')}
            </Button>
          </Group>
          {!apiKey ? (
            <Anchor component={Link} to="/pemohon/aplikasi" size="sm">
              {t('explorer.getKey')}
            </Anchor>
          ) : null}
          {owner.error ? <ErrorAlert error={owner.error} onRetry={() => void owner.refetch()} /> : null}
        </Stack>
      </Card>

      {refused ? (
        <Alert color="orange" title={t('explorer.refusedTitle')} data-testid="explorer-refusal">
          <Stack gap="xs">
            <Text size="sm" data-testid="explorer-refused-fields">
              {t('explorer.refused', { fields: refused.coordinates.join(', '), graph: refused.graph })}
            </Text>
            <Text size="sm">
              {keyGraphs.length > 0 ? t('explorer.keyGraphs', { graphs: accessList }) : t('explorer.keyNoGraphs')}
            </Text>
            <Button component={Link} to={requestFormHref(refused.graph, refused.coordinates)} size="xs" w="fit-content" data-testid="explorer-request-link">
              {t('explorer.requestThem')}
            </Button>
          </Stack>
        </Alert>
      ) : null}

      {apiKey ? (
        <div style={{ height: 'calc(100vh - 330px)', minHeight: 480, border: '1px solid var(--mantine-color-gray-3)' }} data-testid="explorer-graphiql">
          <ExplorerPane key={`${graph}:${apiKey}`} graph={graph} apiKey={apiKey} onRefused={setRefused} />
        </div>
      ) : null}
    </Stack>
  );
}
