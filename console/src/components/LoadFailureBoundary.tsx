/**
 * Catches a part of the console that could not be loaded (its chunk is fetched on demand: the
 * network may drop, or a new build may have replaced the files an open tab asks for) and offers a
 * reload instead of a blank page.
 */
import { Alert, Button, Stack } from '@mantine/core';
import { Component } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

function LoadFailed() {
  const { t } = useTranslation();
  return (
    <Stack p="md" data-testid="load-failed">
      <Alert color="red" title={t('errors.title')}>
        {t('errors.loadFailed')}
      </Alert>
      <Button variant="light" w="fit-content" onClick={() => window.location.reload()}>
        {t('errors.reload')}
      </Button>
    </Stack>
  );
}

/** A part of the console whose code could not be fetched. */
export class LoadError extends Error {
  override name = 'LoadError';
}

/** Loads a module, a failure becoming a LoadError that the boundary below shows. */
export function loadOrFail<T>(load: () => Promise<T>): Promise<T> {
  return load().catch((cause: unknown) => {
    throw new LoadError('console chunk could not be loaded', { cause });
  });
}

/** Shows a LoadError with a reload; any other error is a fault in a page and goes on up. */
export class LoadFailureBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: unknown } {
    return { error };
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    if (this.state.error instanceof LoadError) return <LoadFailed />;
    throw this.state.error;
  }
}
