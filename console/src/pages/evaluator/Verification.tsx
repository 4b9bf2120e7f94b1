/** The chain verification, run again on demand (a full read of the log: shows progress meanwhile). */
import { Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLedgerStatus } from '../../api/ledger';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { ChainStatusCard } from './ChainStatusCard';

export function Verification() {
  const { t } = useTranslation('evaluator');
  const ledger = useLedgerStatus();
  return (
    <Stack>
      <PageHeader
        title={t('verification.title')}
        description={t('verification.description')}
        actions={
          <Button loading={ledger.refreshing} onClick={() => void ledger.refresh()} data-testid="verify-now">
            {t('verification.run')}
          </Button>
        }
      />
      {ledger.refreshing || ledger.isLoading ? (
        <Group gap="xs">
          <Loader size="sm" />
          <Text size="sm">{t('verification.running')}</Text>
        </Group>
      ) : null}
      {ledger.error ? <ErrorAlert error={ledger.error} onRetry={() => void ledger.refetch()} /> : null}
      {ledger.refreshError ? <ErrorAlert error={ledger.refreshError} /> : null}
      {ledger.data ? <ChainStatusCard status={ledger.data} /> : null}
    </Stack>
  );
}
