/** The status of a request, grant, item or check as a coloured badge with the status's own word. */
import { Badge } from '@mantine/core';

const COLORS: Record<string, string> = {
  pending: 'yellow',
  submitted: 'yellow',
  approved: 'blue',
  granted: 'green',
  partially_granted: 'teal',
  active: 'green',
  passed: 'green',
  ok: 'green',
  valid: 'green',
  rejected: 'red',
  declined: 'red',
  revoked: 'gray',
  expired: 'gray',
  failed: 'red',
  broken: 'red',
  disabled: 'gray',
};

export function StatusBadge({ status, label }: { status: string; label?: string }) {
  return (
    <Badge color={COLORS[status] ?? 'gray'} variant="light" data-testid="status-badge" data-status={status}>
      {label ?? status}
    </Badge>
  );
}
