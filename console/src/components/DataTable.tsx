/**
 * Every list in the console: columns, a text filter, and pages. Paging and filtering happen on the
 * server where the API pages (pass `total` and handle `onPageChange`), else on the rows given.
 */
import { Center, Group, Loader, Pagination, Table, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface Column<Row> {
  key: string;
  title: string;
  render: (row: Row) => ReactNode;
  /** Text the filter searches; defaults to nothing for this column. */
  text?: (row: Row) => string;
}

export interface DataTableProps<Row> {
  columns: Column<Row>[];
  rows: Row[] | undefined;
  rowKey: (row: Row) => string;
  loading?: boolean;
  /** Rows per page (client-side paging when `total` is not given). */
  pageSize?: number;
  /** Server-side paging: the total count, the current page (1-based) and its change. */
  total?: number;
  page?: number;
  onPageChange?: (page: number) => void;
  /** A filter box: client-side over `text` columns unless `onFilterChange` is given. */
  filterable?: boolean;
  filter?: string;
  onFilterChange?: (value: string) => void;
  empty?: ReactNode;
  testId?: string;
  onRowClick?: (row: Row) => void;
}

export function DataTable<Row>(props: DataTableProps<Row>) {
  const { t } = useTranslation();
  const pageSize = props.pageSize ?? 20;
  const [localFilter, setLocalFilter] = useState('');
  const [localPage, setLocalPage] = useState(1);
  const filter = props.onFilterChange ? (props.filter ?? '') : localFilter;

  const filtered = useMemo(() => {
    const rows = props.rows ?? [];
    if (props.onFilterChange || filter.trim() === '') return rows;
    const needle = filter.trim().toLowerCase();
    return rows.filter((row) =>
      props.columns.some((column) => column.text?.(row).toLowerCase().includes(needle)),
    );
  }, [props.rows, props.columns, props.onFilterChange, filter]);

  const serverPaged = props.total !== undefined;
  const page = serverPaged ? (props.page ?? 1) : localPage;
  const total = serverPaged ? (props.total ?? 0) : filtered.length;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const visible = serverPaged ? filtered : filtered.slice((page - 1) * pageSize, page * pageSize);

  return (
    <div data-testid={props.testId}>
      {props.filterable ? (
        <TextInput
          mb="sm"
          placeholder={t('common.filter')}
          value={filter}
          data-testid={props.testId ? `${props.testId}-filter` : undefined}
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (props.onFilterChange) props.onFilterChange(value);
            else {
              setLocalFilter(value);
              setLocalPage(1);
            }
          }}
        />
      ) : null}
      <Table.ScrollContainer minWidth={600}>
        <Table striped highlightOnHover={Boolean(props.onRowClick)} verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              {props.columns.map((column) => (
                <Table.Th key={column.key}>{column.title}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {visible.map((row) => (
              <Table.Tr
                key={props.rowKey(row)}
                data-testid="table-row"
                style={props.onRowClick ? { cursor: 'pointer' } : undefined}
                onClick={props.onRowClick ? () => props.onRowClick?.(row) : undefined}
              >
                {props.columns.map((column) => (
                  <Table.Td key={column.key}>{column.render(row)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {props.loading ? (
        <Center p="md">
          <Loader size="sm" />
        </Center>
      ) : visible.length === 0 ? (
        <Text c="dimmed" p="md" ta="center">
          {props.empty ?? t('common.empty')}
        </Text>
      ) : null}
      {pages > 1 ? (
        <Group justify="space-between" mt="sm">
          <Text size="sm" c="dimmed">
            {t('common.rows', { count: total })}
          </Text>
          <Pagination
            total={pages}
            value={page}
            onChange={(next) => (serverPaged ? props.onPageChange?.(next) : setLocalPage(next))}
          />
        </Group>
      ) : null}
    </div>
  );
}
