/** Which SDL changes reach another agency's fields (registry/checks/crossAgency.ts). */
import { describe, expect, it } from 'vitest';
import { findCrossAgencyReaches } from '../../registry/checks/crossAgency.ts';

const owner = {
  name: 'disdukcapil',
  agencyId: 'a-disdukcapil',
  sdl: `type Query { penduduk(nik: String!): Penduduk }
        type Penduduk @key(fields: "nik") { nik: String! nama: String! tanggalLahir: String! alamat: Alamat! }
        type Alamat { desa: String! }`,
};
const reach = (newSdl: string, previousSdl: string | null = null) =>
  findCrossAgencyReaches({ subgraphName: 'dinkes', agencyId: 'a-dinkes', newSdl, previousSdl, others: [owner] });

describe('cross-agency reaches', () => {
  it('a key field shared by design is not a reach; an entity extension with own fields is not either', () => {
    expect(reach('type Penduduk @key(fields: "nik") { nik: String! statusJkn: String }')).toEqual([]);
  });

  it('@override(from:) another agency’s subgraph', () => {
    expect(reach('type Penduduk @key(fields: "nik") { nik: String! nama: String! @override(from: "disdukcapil") }')).toEqual([
      { kind: 'override', coordinate: 'Penduduk.nama', ownerAgencyId: 'a-disdukcapil', ownerSubgraph: 'disdukcapil' },
    ]);
  });

  it('a new definition (or @shareable) of another agency’s field, also under a namespaced directive', () => {
    expect(reach('type Penduduk @key(fields: "nik") { nik: String! nama: String! @shareable }')).toMatchObject([
      { kind: 'shared', coordinate: 'Penduduk.nama' },
    ]);
    expect(reach('type Penduduk @federation__key(fields: "nik") { nik: String! tanggalLahir: String! }')).toMatchObject([
      { kind: 'shared', coordinate: 'Penduduk.tanggalLahir' },
    ]);
  });

  it('@provides and @requires naming another agency’s fields', () => {
    const provides = reach(`type Query { pasien: Penduduk @provides(fields: "nama alamat { desa }") }
      type Penduduk @key(fields: "nik") { nik: String! nama: String! @external alamat: Alamat! @external }
      type Alamat { desa: String! @external }`);
    expect(provides.filter((r) => r.kind === 'provides').map((r) => r.coordinate)).toEqual(['Alamat.desa', 'Penduduk.alamat', 'Penduduk.nama']);
    const requires = reach(`type Penduduk @key(fields: "nik") { nik: String! tanggalLahir: String! @external
      umur: Int @requires(fields: "tanggalLahir") }`);
    expect(requires).toMatchObject([{ kind: 'requires', coordinate: 'Penduduk.tanggalLahir' }]);
  });

  it('a reach the previous version had is not new; a reach of the own agency is none', () => {
    const sdl = 'type Penduduk @key(fields: "nik") { nik: String! nama: String! @shareable }';
    expect(reach(sdl, sdl)).toEqual([]);
    expect(findCrossAgencyReaches({ subgraphName: 'kk', agencyId: 'a-disdukcapil', newSdl: sdl, previousSdl: null, others: [owner] })).toEqual([]);
  });
});
