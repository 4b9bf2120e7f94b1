/**
 * A schema diff as people read it: the changes grouped as added, removed and changed, each marked
 * with its criticality (breaking first), and the SDL line diff with added and removed lines coloured.
 */
import { Badge, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Criticality, SchemaChange } from '../../api/publishing';
import { useLanguage } from '../../i18n';

type Kind = 'added' | 'removed' | 'changed';

export function changeKind(change: SchemaChange): Kind {
  if (/_ADDED$/.test(change.type)) return 'added';
  if (/_REMOVED$/.test(change.type)) return 'removed';
  return 'changed';
}

const CRITICALITY_COLOR: Record<Criticality, string> = { BREAKING: 'red', DANGEROUS: 'orange', SAFE: 'green' };
const ORDER: Record<Criticality, number> = { BREAKING: 0, DANGEROUS: 1, SAFE: 2 };

export function CriticalityBadge({ criticality }: { criticality: Criticality }) {
  const { t } = useTranslation('publisher');
  return (
    <Badge size="sm" color={CRITICALITY_COLOR[criticality]} variant={criticality === 'BREAKING' ? 'filled' : 'light'} data-testid="criticality" data-criticality={criticality}>
      {t(`diff.criticality.${criticality}`)}
    </Badge>
  );
}

export function SchemaChanges({ changes }: { changes: SchemaChange[] }) {
  const { t } = useTranslation('publisher');
  const language = useLanguage();
  if (changes.length === 0) {
    return (
      <Text c="dimmed" size="sm" data-testid="diff-none">
        {t('diff.none')}
      </Text>
    );
  }
  const groups: Kind[] = ['removed', 'changed', 'added'];
  return (
    <Stack gap="md" data-testid="schema-changes">
      {groups.map((kind) => {
        const rows = changes
          .filter((change) => changeKind(change) === kind)
          .sort((a, b) => ORDER[a.criticality] - ORDER[b.criticality]);
        if (rows.length === 0) return null;
        return (
          <div key={kind} data-testid={`diff-group-${kind}`}>
            <Title order={5} mb={4}>
              {t(`diff.kind.${kind}`)} ({rows.length})
            </Title>
            <Table verticalSpacing={4}>
              <Table.Tbody>
                {rows.map((change, index) => (
                  <Table.Tr key={`${change.type}-${change.path ?? change.coordinate ?? ''}-${index}`} data-testid="diff-change" data-kind={kind}>
                    <Table.Td w={110}>
                      <CriticalityBadge criticality={change.criticality} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{language === 'en' ? change.message : change.messageId}</Text>
                      {/* graphql-inspector explains a change in English only: shown with the English pages. */}
                      {change.reason && language === 'en' ? (
                        <Text size="xs" c="dimmed">
                          {change.reason}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{change.coordinate ? <Code>{change.coordinate}</Code> : null}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        );
      })}
    </Stack>
  );
}

/** A unified diff of SDL lines; every line is React text, never markup. */
export function LineDiff({ text }: { text: string }) {
  const { t } = useTranslation('publisher');
  if (text.trim() === '') {
    return (
      <Text c="dimmed" size="sm">
        {t('diff.noLines')}
      </Text>
    );
  }
  const lines = text.split('\n');
  return (
    <Code block data-testid="line-diff" style={{ maxHeight: 480, overflow: 'auto' }}>
      {lines.map((line, index) => {
        const added = line.startsWith('+') && !line.startsWith('+++');
        const removed = line.startsWith('-') && !line.startsWith('---');
        return (
          <Group key={index} gap={0} wrap="nowrap" style={{ background: added ? 'var(--mantine-color-green-light)' : removed ? 'var(--mantine-color-red-light)' : undefined }}>
            <span data-testid={added ? 'diff-line-added' : removed ? 'diff-line-removed' : undefined}>{line === '' ? ' ' : line}</span>
          </Group>
        );
      })}
    </Code>
  );
}
