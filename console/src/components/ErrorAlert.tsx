/**
 * An error as a person should see it: the registry's own message in the chosen language, and what
 * to do next, chosen by the error's status and code.
 */
import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, NETWORK_ERROR } from '../api/client';
import { useLanguage } from '../i18n';

function nextStepKey(error: unknown): string {
  if (!(error instanceof ApiError)) return 'errors.server';
  if (error.code === NETWORK_ERROR) return 'errors.network';
  if (error.code === 'CSRF_INVALID') return 'errors.csrf';
  switch (error.status) {
    case 400:
    case 422:
      return 'errors.validation';
    case 401:
      return 'errors.unauthenticated';
    case 403:
      return 'errors.forbidden';
    case 404:
      return 'errors.notFound';
    case 409:
      return 'errors.conflict';
    case 429:
      return 'errors.rateLimited';
    default:
      return 'errors.server';
  }
}

/** The error's own message, in the chosen language. */
export function errorMessage(error: unknown, language: 'id' | 'en'): string {
  if (error instanceof ApiError) return language === 'en' ? error.messageEn : error.messageId;
  return error instanceof Error ? error.message : String(error);
}

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const code = error instanceof ApiError ? error.code : undefined;
  return (
    <Alert color="red" title={t('errors.title')} data-testid="error-alert">
      <Stack gap="xs">
        <Text size="sm" data-testid="error-message">
          {errorMessage(error, language)}
        </Text>
        <Text size="sm" c="dimmed">
          {t(nextStepKey(error))}
        </Text>
        <Group gap="xs">
          {code ? <Code>{code}</Code> : null}
          {onRetry ? (
            <Button size="xs" variant="light" color="red" onClick={onRetry}>
              {t('common.retry')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Alert>
  );
}
