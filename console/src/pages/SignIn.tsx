/**
 * Sign-in with an account the administrator created. After an expired session it says so and
 * returns to the page the user was on (its half-written form comes back from useDraft).
 */
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useSession } from '../api/session';
import { ErrorAlert } from '../components/ErrorAlert';
import { LanguageSwitch } from '../layout/Shell';

export function SignIn({ expired }: { expired: boolean }) {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
    } catch (caught) {
      setError(caught);
      setPassword('');
    } finally {
      setPending(false);
    }
  }

  const retryAfter = error instanceof ApiError && error.status === 429 ? retrySeconds(error) : null;

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={420} maw="100%">
        <form onSubmit={(event) => void submit(event)} data-testid="sign-in-form">
          <Stack>
            <Stack gap={2}>
              <Title order={2}>{t('app.title')}</Title>
              <Text c="dimmed" size="sm">
                {t('app.subtitle')}
              </Text>
            </Stack>
            <LanguageSwitch />
            <Title order={4}>{t('signIn.title')}</Title>
            {expired ? (
              <Alert color="yellow" data-testid="session-expired">
                {t('signIn.expired')}
              </Alert>
            ) : null}
            <TextInput
              label={t('signIn.email')}
              type="email"
              autoComplete="username"
              required
              value={email}
              data-testid="sign-in-email"
              onChange={(event) => setEmail(event.currentTarget.value)}
            />
            <PasswordInput
              label={t('signIn.password')}
              autoComplete="current-password"
              required
              value={password}
              data-testid="sign-in-password"
              onChange={(event) => setPassword(event.currentTarget.value)}
            />
            {error instanceof ApiError && error.status === 401 ? (
              <Alert color="red" data-testid="sign-in-failed">
                {t('signIn.failed')}
              </Alert>
            ) : retryAfter !== null ? (
              <Alert color="red" data-testid="sign-in-rate-limited">
                {t('signIn.rateLimited', { seconds: retryAfter })}
              </Alert>
            ) : error ? (
              <ErrorAlert error={error} />
            ) : null}
            <Button type="submit" loading={pending} data-testid="sign-in-submit">
              {t('signIn.submit')}
            </Button>
            <Text size="xs" c="dimmed">
              {t('signIn.hint')}
            </Text>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}

function retrySeconds(error: ApiError): number {
  const details = error.details as { retryAfterSeconds?: unknown } | undefined;
  return typeof details?.retryAfterSeconds === 'number' ? details.retryAfterSeconds : 60;
}
