/**
 * The `penghubung` CLI run as publishers and CI pipelines run it: a child process
 * (`node bin/penghubung.mjs …`) against a real registry, with its exit codes: 0 done, 1 refused,
 * 2 wrong usage.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRegistryRows } from '../support/database.ts';
import { startTestRegistry } from '../support/registry.ts';
import type { TestRegistry } from '../support/registry.ts';
import { seed } from '../support/seed.ts';
import type { World } from '../support/seed.ts';

const bin = fileURLToPath(new URL('../../bin/penghubung.mjs', import.meta.url));
const fixturePath = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/registry/${name}`, import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let registry: TestRegistry;
let world: World;

function penghubung(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      {
        env: { PATH: process.env['PATH'] ?? '', PENGHUBUNG_REGISTRY_URL: registry.url, ...env },
        timeout: 180_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const publishArgs = (schema: string): string[] => [
  'subgraph',
  'publish',
  '--name',
  'kependudukan',
  '--theme',
  'kependudukan',
  '--url',
  'http://127.0.0.1:4101/graphql',
  '--schema',
  fixturePath(schema),
];

beforeAll(async () => {
  registry = await startTestRegistry();
  world = await seed(registry)
    .agency('disdukcapil', 'Dinas Kependudukan dan Pencatatan Sipil')
    .withPublisher()
    .done();
});

afterAll(async () => {
  await registry?.close();
});

describe('penghubung CLI', () => {
  it('publishes a schema (exit 0), reading the token from PENGHUBUNG_TOKEN', async () => {
    const run = await penghubung(publishArgs('penduduk-v1.graphql'), {
      PENGHUBUNG_TOKEN: world.publisher('disdukcapil').token,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Subgraph kependudukan versi 1 diterbitkan.');
    expect(run.stdout).toContain('semua v1');

    const again = await penghubung([
      ...publishArgs('penduduk-v1.graphql'),
      '--token',
      world.publisher('disdukcapil').token,
    ]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Tidak ada perubahan');
  });

  it('exits 1 on a refused publish and prints the report readably, in Indonesian or English', async () => {
    const before = await countRegistryRows(registry.database);
    const token = ['--token', world.publisher('disdukcapil').token];
    const run = await penghubung([...token, ...publishArgs('penduduk-v3-breaking.graphql')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Ditolak (HTTP 422, CHECK_FAILED)');
    expect(run.stderr).toContain('Perubahan yang memutus kompatibilitas:');
    expect(run.stderr).toContain("Field 'Penduduk.alamat' dihapus");
    expect(run.stderr).toContain('[OK   ] semua');

    const [english, json, check] = await Promise.all([
      penghubung([...token, '--lang', 'en', ...publishArgs('penduduk-v3-breaking.graphql')]),
      penghubung([...token, '--json', ...publishArgs('penduduk-v3-breaking.graphql')]),
      penghubung([...token, 'subgraph', 'check', ...publishArgs('penduduk-v3-breaking.graphql').slice(2)]),
    ]);
    expect(english.code).toBe(1);
    expect(english.stderr).toContain('Refused (HTTP 422, CHECK_FAILED)');
    expect(english.stderr).toContain('Breaking changes:');
    expect(english.stderr).toContain("Field 'alamat' was removed from object type 'Penduduk'");

    expect(json.code).toBe(1);
    const body = JSON.parse(json.stdout) as {
      status: number;
      code: string;
      details: { report: { passed: boolean } };
    };
    expect(body).toMatchObject({ status: 422, code: 'CHECK_FAILED', details: { report: { passed: false } } });

    expect(check.code).toBe(1);
    expect(check.stdout).toContain('Pemeriksaan gagal');

    expect(await countRegistryRows(registry.database)).toEqual(before);
  });

  it('exits 1 when the registry refuses the token', async () => {
    const run = await penghubung([
      '--token',
      'phr_00000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'graph',
      'list',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('UNAUTHENTICATED');
  });

  it('exits 2 on wrong usage', async () => {
    const token = ['--token', world.publisher('disdukcapil').token];
    const [missing, unreadable, unknownCommand, unknownLanguage, help] = await Promise.all([
      penghubung([
        ...token,
        'subgraph',
        'publish',
        '--name',
        'x',
        '--theme',
        'kependudukan',
        '--url',
        'http://127.0.0.1:1',
      ]),
      penghubung([...token, ...publishArgs('tidak-ada.graphql')]),
      penghubung(['tidak-ada']),
      penghubung(['--lang', 'fr', 'graph', 'list']),
      penghubung(['--help']),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--schema');
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toContain('tidak dapat dibaca');
    expect(unknownCommand.code).toBe(2);
    expect(unknownLanguage.code).toBe(2);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('subgraph');
  });

  it('writes its help in Indonesian, and in English with --lang en', async () => {
    const [help, reportHelp, english] = await Promise.all([
      penghubung(['--help']),
      penghubung(['log', 'report', '--help']),
      penghubung(['--lang', 'en', 'access', '--help']),
    ]);
    expect(help.stdout).toContain('Penggunaan: penghubung [opsi] [perintah]');
    expect(help.stdout).toMatch(/^Opsi:$/m);
    expect(help.stdout).toMatch(/^Perintah:$/m);
    expect(help.stdout).toContain('-h, --help        tampilkan bantuan perintah ini');
    expect(help.stdout).not.toMatch(/Usage:|Options:|Commands:|display help|default:/);
    expect(reportHelp.stdout).toContain('Penggunaan: penghubung log report [opsi]');
    expect(reportHelp.stdout).toContain('(pilihan: "html", "pdf", bawaan: "html")');
    expect(reportHelp.stdout).toContain('--signer-nip <nip>');
    expect(english.stdout).toContain('Usage: penghubung access [options] [command]');
    expect(english.stdout).toMatch(/^Options:$/m);
    expect(english.stdout).toMatch(/^Commands:$/m);
  });

  it('lists graphs, versions and search results', async () => {
    const token = ['--token', world.publisher('disdukcapil').token];
    const [graphs, json, versions, search] = await Promise.all([
      penghubung([...token, 'graph', 'list']),
      penghubung([...token, '--json', 'graph', 'list']),
      penghubung([...token, 'subgraph', 'versions', 'kependudukan']),
      penghubung([...token, 'directory', 'search', 'nik']),
    ]);
    expect(graphs.code).toBe(0);
    expect(graphs.stdout).toMatch(/^semua {2}\[semua tema\] {2}v1 {2}subgraph: kependudukan$/m);
    expect(graphs.stdout).toMatch(/^kesehatan {2}\[kesehatan\] {2}belum dikomposisi/m);

    expect(JSON.parse(json.stdout).graphs).toHaveLength(5);

    expect(versions.code).toBe(0);
    expect(versions.stdout).toContain('v1');

    expect(search.code).toBe(0);
    expect(search.stdout).toContain('Penduduk.nik  (kependudukan, disdukcapil; rahasia, data pribadi)');
  });

  it('lets an administrator create an agency and a user, printing the token once', async () => {
    const admin = ['--token', registry.admin.token];
    const agency = await penghubung([
      ...admin,
      'admin',
      'agency',
      'create',
      '--slug',
      'bkpsdm',
      '--name',
      'BKPSDM',
    ]);
    expect(agency.code).toBe(0);
    expect(agency.stdout).toContain('PD bkpsdm (BKPSDM) terdaftar.');
    const user = await penghubung([
      ...admin,
      'admin',
      'user',
      'create',
      '--name',
      'Dewi BKPSDM',
      '--email',
      'dewi@bkpsdm.test',
      '--role',
      'publisher',
      '--agency',
      'bkpsdm',
    ]);
    expect(user.code).toBe(0);
    const token = /phr_[0-9a-f]{8}_[A-Za-z0-9_-]+/.exec(user.stdout)?.[0];
    expect(token).toBeDefined();
    expect(user.stdout).toContain('hanya ditampilkan sekali');
    const publish = await penghubung([
      '--token',
      token ?? '',
      'subgraph',
      'publish',
      '--name',
      'kepegawaian',
      '--theme',
      'kepegawaian',
      '--url',
      'http://127.0.0.1:4102/graphql',
      '--schema',
      fixturePath('pegawai-v1.graphql'),
    ]);
    expect(publish.code).toBe(0);
    const duplicate = await penghubung([
      ...admin,
      'admin',
      'agency',
      'create',
      '--slug',
      'bkpsdm',
      '--name',
      'BKPSDM',
    ]);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('CONFLICT');
  });
});
