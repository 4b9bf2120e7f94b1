/** A request's purpose in a list: two lines at most, the rest on its own page. */
import { Text } from '@mantine/core';

export function PurposeCell({ purpose }: { purpose: string }) {
  return (
    <Text size="sm" lineClamp={2} maw={320}>
      {purpose}
    </Text>
  );
}
