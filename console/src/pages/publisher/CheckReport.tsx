/**
 * The report of a publish or of a dry-run check: the verdict, each graph's composition, the schema
 * changes, fields still granted or used that a change would break, fields of other agencies reached,
 * and the routing URL.
 */
import { Alert, Badge, Code, List, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PublishReport } from '../../api/publishing';
import { useLanguage } from '../../i18n';
import { pick } from './format';
import { LineDiff, SchemaChanges } from './SchemaChanges';

export function CheckReport({ report, unchanged }: { report: PublishReport; unchanged?: boolean }) {
  const { t } = useTranslation('publisher');
  const language = useLanguage();
  return (
    <Stack gap="md" data-testid="check-report" data-passed={report.passed ? 'true' : 'false'}>
      <Alert color={report.passed ? 'green' : 'red'} title={report.passed ? t('check.passed') : t('check.failed')} data-testid="check-verdict">
        <Text size="sm">{pick(report.summary, language)}</Text>
        {unchanged ? (
          <Text size="sm" mt="xs" data-testid="check-unchanged">
            {t('check.unchanged')}
          </Text>
        ) : null}
        {report.override ? (
          <Text size="sm" mt="xs">
            {t('check.override', { actor: report.override.actor, reason: report.override.reason })}
          </Text>
        ) : null}
      </Alert>

      <div>
        <Title order={5} mb={4}>
          {t('check.composition')}
        </Title>
        <Table data-testid="check-composition">
          <Table.Tbody>
            {report.composition.map((graph) => (
              <Table.Tr key={graph.graph} data-testid="composition-row">
                <Table.Td w={200}>
                  <Code>{graph.graph}</Code>
                </Table.Td>
                <Table.Td w={120}>
                  <Badge color={graph.ok ? 'green' : 'red'} variant="light">
                    {graph.ok ? t('check.composed') : t('check.notComposed')}
                  </Badge>
                  {graph.leaving ? (
                    <Badge ml={4} color="gray" variant="outline">
                      {t('check.leaving')}
                    </Badge>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  {graph.errors.length > 0 ? (
                    <List size="sm">
                      {graph.errors.map((error, index) => (
                        <List.Item key={index}>
                          <Code>{error.code}</Code> {error.message}
                        </List.Item>
                      ))}
                    </List>
                  ) : (
                    <Text size="xs" c="dimmed">
                      {t('check.hints', { count: graph.hints.length })}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>

      {report.protectedViolations.length > 0 ? (
        <Alert color="orange" title={t('check.protected')} data-testid="check-protected">
          <List size="sm">
            {report.protectedViolations.map((violation) => (
              <List.Item key={violation.coordinate}>{pick(violation.message, language)}</List.Item>
            ))}
          </List>
        </Alert>
      ) : null}

      {report.crossAgency.length > 0 ? (
        <Alert color="blue" title={t('check.crossAgency')} data-testid="check-cross-agency">
          <List size="sm">
            {report.crossAgency.map((reach) => (
              <List.Item key={`${reach.kind}-${reach.coordinate}-${reach.ownerAgency}`}>
                {pick(reach.message, language)}
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : null}

      {report.routing.changed ? (
        <Alert color="yellow" title={t('check.routingChanged')}>
          <Text size="sm">
            {report.routing.previousUrl ?? '—'} → {report.routing.url}
          </Text>
        </Alert>
      ) : null}

      <div>
        <Title order={5} mb={4}>
          {t('check.changes')}
        </Title>
        <SchemaChanges changes={report.changes} />
      </div>
      {report.sdlDiff ? (
        <div>
          <Title order={5} mb={4}>
            {t('check.sdlDiff')}
          </Title>
          <LineDiff text={report.sdlDiff} />
        </div>
      ) : null}
    </Stack>
  );
}
