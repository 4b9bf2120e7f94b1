/** The chain verification's result: per chain intact or broken, with counts and the first problem. */
import { Alert, Badge, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LedgerStatus } from '../../api/ledger';
import { useLanguage } from '../../i18n';

export function ChainStatusCard({ status }: { status: LedgerStatus }) {
  const { t } = useTranslation('evaluator');
  const language = useLanguage();
  return (
    <Stack gap="sm" data-testid="chain-status" data-ok={String(status.ok)}>
      <Text size="xs" c="dimmed">
        {t('verification.verifiedAt', { time: new Date(status.verifiedAt).toLocaleString(language === 'en' ? 'en-GB' : 'id-ID') })}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {status.chains.map((chain) => (
          <Paper key={chain.chain} withBorder p="sm" data-testid={`chain-${chain.chain}`}>
            <Group justify="space-between">
              <Text fw={600}>{t(`verification.chains.${chain.chain}`)}</Text>
              <Badge color={chain.ok ? 'green' : 'red'} data-testid="chain-verdict">
                {chain.ok ? t('verification.ok') : t('verification.broken')}
              </Badge>
            </Group>
            <Text size="sm">
              {t('verification.records')}: {chain.recordsChecked.toLocaleString('id-ID')}
            </Text>
            <Text size="sm">
              {t('verification.checkpoints')}: {chain.checkpointsVerified} · {t('verification.sealed')} {chain.sealedThrough}
            </Text>
            <Text size="sm" c="dimmed">
              {t('verification.mode')}: {t(`verification.modes.${chain.mode}`)}
            </Text>
            {chain.problem ? (
              <Alert color="red" mt="xs">
                <Text size="sm">{t('verification.problem', { kind: chain.problem.kind, seq: chain.problem.seq })}</Text>
                <Text size="xs">{chain.hint ? (language === 'en' ? chain.hint.en : chain.hint.id) : chain.problem.detail}</Text>
                <Text size="xs" mt={4}>
                  {t('verification.nextStep')}
                </Text>
              </Alert>
            ) : null}
          </Paper>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
