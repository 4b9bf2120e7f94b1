import { describe, expect, it } from 'vitest';
import { bearerHeaderValue, bearerToken } from '../../lib/bearer.ts';

describe('the Bearer header reader shared by the gateway, the registry and the subgraphs', () => {
  it('reads the token whatever the case of the scheme, with surrounding spaces', () => {
    expect(bearerToken('Bearer phk_abc')).toBe('phk_abc');
    expect(bearerToken('bearer   phk_abc  ')).toBe('phk_abc');
    expect(bearerToken(['Bearer satu', 'Bearer dua'])).toBe('satu');
    expect(bearerToken(bearerHeaderValue('token-x'))).toBe('token-x');
  });

  it('gives null for a missing header, another scheme, no token or a token with spaces', () => {
    for (const value of [undefined, '', [], 'Basic dXNlcjpwYXNz', 'Bearer', 'Bearer ', 'Bearer dua kata', 'phk_abc'])
      expect(bearerToken(value)).toBeNull();
  });
});
