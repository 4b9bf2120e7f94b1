/**
 * A graph change the registry refused because fields still granted or recently called would leave
 * a graph: the fields it named, and the administrator's choice to force it with a reason.
 */
import { Checkbox, List, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';

interface ProtectedField {
  graph: string;
  coordinate: string;
  grants: string[];
}

export function protectedFieldsOf(error: unknown): ProtectedField[] {
  if (!(error instanceof ApiError) || error.status !== 422) return [];
  const details = error.details as { protectedFields?: ProtectedField[] } | null | undefined;
  return Array.isArray(details?.protectedFields) ? details.protectedFields : [];
}

export interface ForceState {
  force: boolean;
  reason: string;
}

export function ForceOverride({
  error,
  value,
  onChange,
}: {
  error: unknown;
  value: ForceState;
  onChange: (next: ForceState) => void;
}) {
  const { t } = useTranslation('administrator');
  const fields = protectedFieldsOf(error);
  if (fields.length === 0) return null;
  return (
    <Stack gap="xs" data-testid="force-override">
      <Text size="sm">{t('graphs.protected')}</Text>
      <List size="sm">
        {fields.map((field) => (
          <List.Item key={`${field.graph}-${field.coordinate}`}>
            {field.graph}: {field.coordinate}
            {field.grants.length > 0 ? ` (${field.grants.join(', ')})` : ''}
          </List.Item>
        ))}
      </List>
      <Checkbox
        label={t('graphs.force')}
        checked={value.force}
        data-testid="force-checkbox"
        onChange={(event) => onChange({ ...value, force: event.currentTarget.checked })}
      />
      {value.force ? (
        <Textarea
          label={t('graphs.forceReason')}
          minLength={10}
          maxLength={2000}
          value={value.reason}
          data-testid="force-reason"
          onChange={(event) => onChange({ ...value, reason: event.currentTarget.value })}
        />
      ) : null}
    </Stack>
  );
}
