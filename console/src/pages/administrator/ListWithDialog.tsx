/**
 * The administrator's list pages that create or change their rows in a dialog (accounts, graphs, sessions):
 * the header with its create button, the notice of what was just done, the list's error, the table,
 * and the one dialog open at a time. Each page says which dialog is open by giving its title and body.
 */
import { Alert, Button, Modal } from '@mantine/core';
import type { ReactNode } from 'react';
import { DataTable } from '../../components/DataTable';
import type { DataTableProps } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';

export interface OpenDialog {
  title: string;
  body: ReactNode;
}

export interface ListWithDialogProps<Row> {
  title: string;
  description: string;
  /** Absent on a list whose rows are not created from the console (sessions). */
  create?: { label: string; testId: string; onClick: () => void };
  notice: { text: string | null; testId: string; onClose: () => void };
  /** What failed beyond loading the list (an action taken from a row). */
  errors?: ReactNode;
  list: { error: unknown; refetch: () => unknown };
  table: DataTableProps<Row>;
  dialog: OpenDialog | null;
  dialogSize?: string;
  onDialogClose: () => void;
}

export function ListWithDialog<Row>(props: ListWithDialogProps<Row>) {
  const { create, notice, list, dialog } = props;
  return (
    <>
      <PageHeader
        title={props.title}
        description={props.description}
        actions={
          create ? (
            <Button data-testid={create.testId} onClick={create.onClick}>
              {create.label}
            </Button>
          ) : undefined
        }
      />
      {notice.text ? (
        <Alert color="green" mb="sm" withCloseButton onClose={notice.onClose} data-testid={notice.testId}>
          {notice.text}
        </Alert>
      ) : null}
      {props.errors}
      {list.error ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      <DataTable {...props.table} />
      <Modal
        opened={dialog !== null}
        onClose={props.onDialogClose}
        size={props.dialogSize}
        title={dialog?.title ?? ''}
      >
        {dialog?.body ?? null}
      </Modal>
    </>
  );
}
