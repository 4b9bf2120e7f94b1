/** A field's classification (publik / terbatas / rahasia) and whether it is personal data (UU PDP). */
import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const COLORS: Record<string, string> = { publik: 'green', terbatas: 'yellow', rahasia: 'red' };

export function ClassificationBadge({ classification, personalData }: { classification: string | undefined; personalData?: boolean }) {
  const { t } = useTranslation('publisher');
  return (
    <Group gap={4}>
      <Badge size="sm" variant="light" color={classification ? (COLORS[classification] ?? 'gray') : 'gray'} data-testid="classification">
        {classification ? t(`classification.${classification}`, { defaultValue: classification }) : t('classification.unknown')}
      </Badge>
      {personalData ? (
        <Badge size="sm" variant="outline" color="grape" data-testid="personal-data">
          {t('classification.personalData')}
        </Badge>
      ) : null}
    </Group>
  );
}
