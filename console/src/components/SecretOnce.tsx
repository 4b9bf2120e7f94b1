/** A secret the registry shows once (an API key, a temporary password), with a copy button. */
import { Alert, Code, CopyButton, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function SecretOnce({ label, value }: { label: string; value: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" title={label} data-testid="secret-once">
      <Group gap="sm" wrap="nowrap">
        <Code data-testid="secret-value" style={{ wordBreak: 'break-all' }}>
          {value}
        </Code>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button size="xs" variant="light" onClick={copy}>
              {copied ? t('common.copied') : t('common.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Text size="xs" mt="xs">
        {t('common.shownOnce')}
      </Text>
    </Alert>
  );
}
