import { describe, expect, it } from 'vitest';
import { redactedRequest } from '../../registry/http/redactRequest.ts';

describe('registry request log lines', () => {
  it('mask the value looked up in the access log, wherever it stands in the query string', () => {
    const nik = '3501040509830001';
    for (const url of [
      `/v1/log/records?value=${nik}`,
      `/v1/log/records?from=2026-11-01&value=${nik}&to=2026-11-30`,
      `/v1/log/export.csv?to=2026-11-30&value=${nik}`,
    ]) {
      const line = redactedRequest({ method: 'GET', url, ip: '127.0.0.1' });
      expect(line.url).not.toContain(nik);
      expect(line.url).toContain('value=[disamarkan]');
    }
  });

  it('leave other query parameters as they are', () => {
    expect(redactedRequest({ method: 'GET', url: '/v1/directory/search?q=nik&limit=5' }).url).toBe('/v1/directory/search?q=nik&limit=5');
  });
});
