import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { loggableError } from '../../lib/sqlErrors.ts';

describe('SQL errors in the process log', () => {
  it('keep the query and the reason but not the parameters', () => {
    const failed = new DrizzleQueryError('select * from penduduk where nik = $1', ['3501040509830001'], new Error('relation does not exist'));
    const logged = loggableError(failed) as Error;
    expect(logged.message).toContain('select * from penduduk where nik = $1');
    expect(logged.message).toContain('relation does not exist');
    expect(`${logged.message}\n${logged.stack}`).not.toContain('3501040509830001');
  });

  it('leave other errors as they are', () => {
    const other = new Error('lain');
    expect(loggableError(other)).toBe(other);
  });
});
