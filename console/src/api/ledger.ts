/** The chain verification status (GET /v1/log/verification). */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { get } from './client';
import type { components } from './openapi';

export type LedgerStatus = components['schemas']['LedgerStatus'];
export type ChainStatus = LedgerStatus['chains'][number];

export function useLedgerStatus() {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: ['ledger-status'], queryFn: () => get<LedgerStatus>('/v1/log/verification') });
  const [refreshing, setRefreshing] = useState(false);
  const [refreshError, setRefreshError] = useState<unknown>(null);
  const refresh = useCallback(async () => {
    setRefreshing(true);
    setRefreshError(null);
    try {
      queryClient.setQueryData(['ledger-status'], await get<LedgerStatus>('/v1/log/verification?refresh=true'));
    } catch (error) {
      setRefreshError(error);
    } finally {
      setRefreshing(false);
    }
  }, [queryClient]);
  return { ...query, refresh, refreshing, refreshError };
}
