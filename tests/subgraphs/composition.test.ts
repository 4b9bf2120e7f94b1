import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import type { FieldDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { demoAgencies, demoSubgraphSdls, readDemoSchema } from '../../subgraphs/index.ts';

const CLASSIFICATIONS = ['klasifikasi:publik', 'klasifikasi:terbatas', 'klasifikasi:rahasia'];

function tagsOf(field: FieldDefinitionNode): string[] {
  return (field.directives ?? [])
    .filter((directive) => directive.name.value === 'tag')
    .map((directive) => {
      const value = directive.arguments?.find((argument) => argument.name.value === 'name')?.value;
      return value?.kind === 'StringValue' ? value.value : '';
    });
}

describe('the four demo subgraphs', () => {
  it('compose into one supergraph with no errors and no hints', () => {
    const result = composeServices(
      demoSubgraphSdls().map(({ name, sdl }) => ({
        name,
        typeDefs: parse(sdl),
        url: `http://${name}.invalid/graphql`,
      })),
    );
    expect(result.errors?.map(String)).toBeUndefined();
    expect((result.hints ?? []).map(String)).toEqual([]);
    if (result.errors) return;
    // Penduduk is one entity joined across three agencies.
    const penduduk = result.schema.toAPISchema().toGraphQLJSSchema().getType('Penduduk');
    expect(penduduk && 'getFields' in penduduk ? Object.keys(penduduk.getFields()) : []).toEqual(
      expect.arrayContaining(['nik', 'nama', 'alamat', 'kartuKeluarga', 'izinUsaha', 'jaminanKesehatan']),
    );
    expect(result.supergraphSdl).toContain('@tag(name: "data-pribadi")');
  });

  it('are registered with their agency, theme and schema', () => {
    expect(demoAgencies.map((agency) => [agency.slug, agency.theme])).toEqual([
      ['disdukcapil', 'kependudukan'],
      ['bkpsdm', 'kepegawaian'],
      ['dpmptsp', 'perizinan'],
      ['dinkes', 'kesehatan'],
    ]);
    expect(demoAgencies[0]?.name).toBe('Dinas Kependudukan dan Pencatatan Sipil');
  });

  it('tag every field with exactly one classification, and personal data as data-pribadi', () => {
    for (const agency of demoAgencies) {
      const document = parse(readDemoSchema(agency));
      for (const definition of document.definitions) {
        if (definition.kind !== 'ObjectTypeDefinition') continue;
        for (const field of definition.fields ?? []) {
          const coordinate = `${agency.slug}:${definition.name.value}.${field.name.value}`;
          const classifications = tagsOf(field).filter((tag) => tag.startsWith('klasifikasi:'));
          expect(classifications, coordinate).toHaveLength(1);
          expect(CLASSIFICATIONS, coordinate).toContain(classifications[0]);
        }
      }
    }
    const disdukcapil = parse(readDemoSchema(demoAgencies[0] as (typeof demoAgencies)[number]));
    const penduduk = disdukcapil.definitions.find(
      (definition) => definition.kind === 'ObjectTypeDefinition' && definition.name.value === 'Penduduk',
    );
    const fields = penduduk?.kind === 'ObjectTypeDefinition' ? (penduduk.fields ?? []) : [];
    for (const name of ['nik', 'nama', 'alamat', 'tanggalLahir']) {
      expect(tagsOf(fields.find((field) => field.name.value === name) as FieldDefinitionNode)).toContain(
        'data-pribadi',
      );
    }
  });
});
