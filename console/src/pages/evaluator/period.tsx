/** The evaluator's period, shared by its pages and kept for the browser session. */
import { Group, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { defaultPeriod } from '../../api/evaluation';
import { useDraft } from '../../hooks/useDraft';

export interface Period {
  from: string;
  to: string;
}

export function usePeriod(): [Period, (next: Period) => void] {
  const [period, setPeriod] = useDraft<Period>('evaluator.period', defaultPeriod());
  return [period, setPeriod];
}

export function PeriodPicker({ period, onChange }: { period: Period; onChange: (next: Period) => void }) {
  const { t } = useTranslation('evaluator');
  return (
    <Group align="flex-end" gap="sm">
      <TextInput
        type="date"
        label={t('period.from')}
        value={period.from}
        max={period.to}
        data-testid="period-from"
        onChange={(event) => onChange({ ...period, from: event.currentTarget.value })}
      />
      <TextInput
        type="date"
        label={t('period.to')}
        value={period.to}
        min={period.from}
        data-testid="period-to"
        onChange={(event) => onChange({ ...period, to: event.currentTarget.value })}
      />
      <Text size="xs" c="dimmed" pb={8}>
        {t('period.hint')}
      </Text>
    </Group>
  );
}
