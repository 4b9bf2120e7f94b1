/**
 * The coordinate model over a supergraph composed from three subgraphs that use the federation
 * directives the model must read: an entity interface with an `@interfaceObject` elsewhere,
 * `@external` with `@requires` and `@provides`, `@override`, `@shareable`, `@inaccessible`, and a
 * Federation 1 `extend type … @key` whose key field is `@external`.
 */
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildCoordinateModel } from '../../lib/federation/coordinates.ts';
import { composeGraph } from '../../registry/checks/composeGraph.ts';

const FED2 = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@shareable", "@external", "@provides", "@requires", "@override", "@interfaceObject", "@inaccessible"])`;

const katalog = `${FED2}
type Query { pengguna: [Pengguna] produk: [Produk] cari: [Hasil] }
interface Pengguna @key(fields: "id") { id: ID! surel: String }
type Admin implements Pengguna @key(fields: "id") { id: ID! surel: String level: Int }
type Tamu implements Pengguna @key(fields: "id") { id: ID! surel: String }
type Produk @key(fields: "kode") { kode: String! nama: String @shareable harga: Int berat: Int rahasia: String @inaccessible judul: String }
union Hasil = Admin | Produk
`;
const kirim = `${FED2}
type Pengguna @key(fields: "id") @interfaceObject { id: ID! namaTampilan: String }
type Produk @key(fields: "kode") {
  kode: String!
  ongkir: Int @requires(fields: "harga berat")
  harga: Int @external
  berat: Int @external
  nama: String @external
  judul: String @override(from: "katalog")
}
type Query { terlaris: [Produk] @provides(fields: "nama") }
`;
const ulasan = `
extend type Produk @key(fields: "kode") { kode: String! @external ulasan: [Ulasan] }
type Ulasan { isi: String }
`;

function model() {
  const outcome = composeGraph([
    { name: 'katalog', url: 'http://katalog.test/graphql', sdl: katalog },
    { name: 'kirim', url: 'http://kirim.test/graphql', sdl: kirim },
    { name: 'ulasan', url: 'http://ulasan.test/graphql', sdl: ulasan },
  ]);
  if (!outcome.ok) throw new Error(outcome.errors.map((error) => error.message).join('\n'));
  return buildCoordinateModel(outcome.supergraphSdl, buildSchema(outcome.apiSchemaSdl));
}

describe('the coordinate model of a supergraph', () => {
  const m = model();

  it('lists the fields of object types only: no interface field, nothing @inaccessible', () => {
    expect(m.coordinates).toContain('Admin.namaTampilan');
    expect(m.coordinates).toContain('Produk.ulasan');
    expect(m.coordinates.filter((c) => c.startsWith('Pengguna.'))).toEqual([]);
    expect(m.has('Produk.rahasia')).toBe(false);
    expect(m.has('Pengguna.surel')).toBe(false);
  });

  it('gives each field the subgraphs that can return its value', () => {
    // A key without @join__field: every subgraph declaring the type, the Federation 1 extension included.
    expect(m.owners('Produk.kode')).toEqual(['katalog', 'kirim', 'ulasan']);
    // Contributed through @interfaceObject to every implementation.
    expect(m.owners('Admin.namaTampilan')).toEqual(['kirim']);
    expect(m.owners('Tamu.namaTampilan')).toEqual(['kirim']);
    expect(m.owners('Admin.id')).toEqual(['katalog', 'kirim']);
    // @external for @requires: not an owner; the requiring field is the requiring subgraph's.
    expect(m.owners('Produk.harga')).toEqual(['katalog']);
    expect(m.owners('Produk.ongkir')).toEqual(['kirim']);
    // @external but @provides'd: the providing subgraph returns it too.
    expect(m.owners('Produk.nama')).toEqual(['katalog', 'kirim']);
    // @override moves the field.
    expect(m.owners('Produk.judul')).toEqual(['kirim']);
    expect(m.owners('Ulasan.isi')).toEqual(['ulasan']);
    expect(m.owners('Query.terlaris')).toEqual(['kirim']);
    expect(m.owners('Produk.rahasia')).toEqual([]);
  });

  it('expands interface fields, Type.* and * into explicit coordinates, and names what it cannot read', () => {
    expect(m.expandRequested(['Pengguna.surel']).coordinates).toEqual(['Admin.surel', 'Tamu.surel']);
    expect(m.expandRequested(['Ulasan.*', 'Query.cari']).coordinates).toEqual(['Query.cari', 'Ulasan.isi']);
    expect(m.expandRequested(['Hasil.*']).coordinates).toEqual(
      [...m.coordinates.filter((c) => c.startsWith('Admin.') || c.startsWith('Produk.'))].sort(),
    );
    expect(m.expandRequested(['*']).coordinates).toEqual(m.coordinates);
    expect(m.expandRequested(['Produk.rahasia', 'Hasil.isi', 'Nope.x', '__Type.name', 'Produk.', 'a b'])).toEqual({
      coordinates: [],
      malformed: ['Produk.', 'a b'],
      unknown: ['Produk.rahasia', 'Hasil.isi', 'Nope.x', '__Type.name'],
    });
  });
});
