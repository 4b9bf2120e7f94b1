/**
 * The monitoring and evaluation report (HTML opens in a new tab, PDF downloads) and the CSV export of
 * the period. Both are GET links the session cookie authorizes; the report's lines are kept as typed.
 */
import { Anchor, Button, Grid, Group, Paper, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { csvExportUrl, reportUrl } from '../../api/evaluation';
import type { ReportLines } from '../../api/evaluation';
import { PageHeader } from '../../components/PageHeader';
import { useDraft } from '../../hooks/useDraft';
import { useLanguage } from '../../i18n';
import { PeriodPicker, usePeriod } from './period';

const lineKeys = ['region', 'head', 'place', 'signerName', 'signerTitle', 'signerNip'] as const;

export function Report() {
  const { t } = useTranslation('evaluator');
  const language = useLanguage();
  const [period, setPeriod] = usePeriod();
  const [lines, setLines] = useDraft<ReportLines>('evaluator.report', {});
  const [separator, setSeparator] = useState<',' | ';'>(';');
  const nipInvalid = Boolean(lines.signerNip && !/^\d{18}$/.test(lines.signerNip.trim()));

  return (
    <Stack>
      <PageHeader title={t('report.title')} description={t('report.description')} />
      <PeriodPicker period={period} onChange={setPeriod} />
      <Paper withBorder p="md">
        <Title order={4} mb="sm">
          {t('report.lines')}
        </Title>
        <Grid>
          {lineKeys.map((key) => (
            <Grid.Col key={key} span={{ base: 12, md: 6 }}>
              <TextInput
                label={t(`report.${key}`)}
                value={lines[key] ?? ''}
                maxLength={key === 'signerTitle' ? 200 : 120}
                data-testid={`report-${key}`}
                error={key === 'signerNip' && nipInvalid ? t('report.nipInvalid') : undefined}
                onChange={(event) => setLines({ ...lines, [key]: event.currentTarget.value })}
              />
            </Grid.Col>
          ))}
        </Grid>
        <Group mt="md">
          <Button
            component="a"
            href={nipInvalid ? undefined : reportUrl(period.from, period.to, 'html', language, lines)}
            target="_blank"
            rel="noopener"
            disabled={nipInvalid}
            data-testid="report-html"
          >
            {t('report.openHtml')}
          </Button>
          <Button
            component="a"
            variant="light"
            href={nipInvalid ? undefined : reportUrl(period.from, period.to, 'pdf', language, lines)}
            disabled={nipInvalid}
            data-testid="report-pdf"
          >
            {t('report.downloadPdf')}
          </Button>
        </Group>
      </Paper>
      <Paper withBorder p="md">
        <Title order={4} mb="xs">
          {t('report.csv')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('report.csvHint')}
        </Text>
        <Group align="flex-end">
          <Stack gap={4}>
            <Text size="sm">{t('report.separator')}</Text>
            <SegmentedControl
              value={separator}
              onChange={(value) => setSeparator(value === ',' ? ',' : ';')}
              data={[
                { value: ';', label: ';' },
                { value: ',', label: ',' },
              ]}
            />
          </Stack>
          <Anchor href={csvExportUrl({ from: period.from, to: period.to }, language, separator)} data-testid="export-csv">
            <Button component="span" variant="light">
              {t('report.downloadCsv')}
            </Button>
          </Anchor>
        </Group>
      </Paper>
    </Stack>
  );
}
