/**
 * The report's region and signing official, read from the environment once at start (lib/config.ts):
 * set lines are carried, unset lines stay absent (the report leaves them blank to fill by hand), and a
 * malformed NIP or a control character stops the start with a readable message.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../lib/config.ts';

describe('report settings in the configuration', () => {
  it('carries the region, the addressee, the place and the official', () => {
    const config = loadConfig({
      PENGHUBUNG_REGION_NAME: ' Kota Baubau ',
      PENGHUBUNG_REGION_HEAD: 'Wali Kota Baubau',
      PENGHUBUNG_REPORT_PLACE: 'Baubau',
      PENGHUBUNG_REPORT_SIGNER_NAME: 'La Ode Ahmad, S.Kom.',
      PENGHUBUNG_REPORT_SIGNER_TITLE: 'Kepala Dinas Komunikasi dan Informatika',
      PENGHUBUNG_REPORT_SIGNER_NIP: '198001012006041001',
    });
    expect(config.report).toEqual({
      region: 'Kota Baubau',
      head: 'Wali Kota Baubau',
      place: 'Baubau',
      signer: { name: 'La Ode Ahmad, S.Kom.', title: 'Kepala Dinas Komunikasi dan Informatika', nip: '198001012006041001' },
    });
  });

  it('leaves unset lines out', () => {
    expect(loadConfig({}).report).toEqual({ signer: {} });
  });

  it('refuses a NIP that is not 18 digits, and a line with a control character', () => {
    expect(() => loadConfig({ PENGHUBUNG_REPORT_SIGNER_NIP: '19800101' })).toThrow(ConfigError);
    expect(() => loadConfig({ PENGHUBUNG_REPORT_SIGNER_NIP: '19800101' })).toThrow(/PENGHUBUNG_REPORT_SIGNER_NIP: NIP harus 18 digit/);
    expect(() => loadConfig({ PENGHUBUNG_REGION_NAME: 'Kabupaten\u0007Pacitan' })).toThrow(/PENGHUBUNG_REGION_NAME/);
  });
});
