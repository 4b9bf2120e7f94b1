/** What shows while a part of the console is loading: a spinner with the words a screen reader says. */
import { Center, Group, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function PageLoader({ fullHeight = false }: { fullHeight?: boolean }) {
  const { t } = useTranslation();
  return (
    <Center mih={fullHeight ? '100vh' : undefined} p="xl" data-testid="page-loading">
      <Group gap="sm" role="status">
        <Loader size="sm" />
        <Text size="sm" c="dimmed">
          {t('common.loading')}
        </Text>
      </Group>
    </Center>
  );
}
