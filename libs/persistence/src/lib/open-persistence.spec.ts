import { freePort, ScratchDatabases, TEST_POSTGRES_URL } from '@hfd/test-support';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openedForEachTest, optionsFor, TEST_SECRET_KEY } from '../testing/scratch-options';
import { openPersistence, SQLITE_FILE, type PersistenceOptions } from './persistence';
import { SECRET_KEY_FILE } from './secret-key-file';
import { PersistenceStartError } from './start-error';
import { MIGRATIONS } from './migrations';

const noFailures = { onWriteFailure: () => undefined };

async function refusal(options: PersistenceOptions): Promise<string> {
  const error = await openPersistence(options).then(
    (persistence) => persistence.close().then(() => null),
    (caught: unknown) => caught,
  );
  if (!(error instanceof PersistenceStartError)) throw new Error(`Expected a PersistenceStartError, got ${String(error)}`);
  expect(error.message).not.toContain('\n');
  return error.message;
}

describe('openPersistence on SQLite', () => {
  const scratch = new ScratchDatabases('sqlite');
  const open = openedForEachTest();
  afterAll(() => scratch.dropAll());

  const sqliteDir = async () => {
    const target = await scratch.create();
    if (target.kind !== 'sqlite') throw new Error('not sqlite');
    return target.dataDir;
  };

  it('makes DATA_DIR, the database file and, without SECRET_KEY, a key file of 32 random bytes readable by its owner only', async () => {
    const dataDir = join(await sqliteDir(), 'nested', 'data');
    const persistence = await open({ kind: 'sqlite', dataDir, ...noFailures });
    expect(persistence.kind).toBe('sqlite');
    expect(persistence.location).toBe(join(dataDir, SQLITE_FILE));
    const keyFile = join(dataDir, SECRET_KEY_FILE);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = readFileSync(keyFile, 'utf8').trim();
    expect(Buffer.from(key, 'base64url')).toHaveLength(32);
    expect(persistence.notes).toEqual([
      `Migrated the database at ${join(dataDir, SQLITE_FILE)}: ${Object.keys(MIGRATIONS).join(', ')}`,
      `SECRET_KEY is not set: generated one into ${keyFile} (keep it with your backups)`,
    ]);
    await persistence.close();
    const again = await open({ kind: 'sqlite', dataDir, ...noFailures });
    expect(again.notes).toEqual([]);
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(key);
  });

  it('uses SECRET_KEY when it is set, and makes no key file', async () => {
    const dataDir = await sqliteDir();
    await open({ kind: 'sqlite', dataDir, secretKey: TEST_SECRET_KEY, ...noFailures });
    expect(() => statSync(join(dataDir, SECRET_KEY_FILE))).toThrow(/ENOENT/);
  });

  it('refuses a SECRET_KEY other than the one the stored secrets were sealed with, naming both key ids', async () => {
    const dataDir = await sqliteDir();
    await (await openPersistence({ kind: 'sqlite', dataDir, secretKey: TEST_SECRET_KEY, ...noFailures })).close();
    expect(await refusal({ kind: 'sqlite', dataDir, secretKey: 'another-key-of-enough-length-0123456789', ...noFailures })).toMatch(
      /^SECRET_KEY: the database at .* holds secrets sealed with key [0-9a-f]{12}, but the key from SECRET_KEY is [0-9a-f]{12}: set the key they were stored with$/,
    );
  });

  it('refuses to make a new key file when the database holds secrets sealed with a lost one', async () => {
    const dataDir = await sqliteDir();
    await (await openPersistence({ kind: 'sqlite', dataDir, ...noFailures })).close();
    rmSync(join(dataDir, SECRET_KEY_FILE));
    expect(await refusal({ kind: 'sqlite', dataDir, ...noFailures })).toMatch(/secret\.key is missing, but the database holds secrets encrypted with it: restore it/);
    expect(() => statSync(join(dataDir, SECRET_KEY_FILE))).toThrow(/ENOENT/);
  });

  it('refuses a DATA_DIR it cannot make, in one line naming DATA_DIR', async () => {
    const blocker = join(await sqliteDir(), 'a-file');
    writeFileSync(blocker, 'not a directory');
    expect(await refusal({ kind: 'sqlite', dataDir: join(blocker, 'data'), ...noFailures })).toMatch(
      /^DATA_DIR: .*a-file\/data is not a directory this process \(uid \d+\) can write to \(ENOTDIR/,
    );
  });

  it.each([
    ['is not a database at all', (file: string) => writeFileSync(file, Buffer.alloc(8192, 7)), /file is not a database/],
    [
      'has a damaged page',
      (file: string) => {
        const bytes = readFileSync(file);
        bytes.fill(0xab, 4096 * 2, 4096 * 3);
        writeFileSync(file, bytes);
      },
      // quick_check's words depend on what the page held (an index, a table, the free list).
      /\w+/,
    ],
  ])('refuses a database file that %s, and leaves it as it was', async (_case, damage, why) => {
    const dataDir = await sqliteDir();
    const first = await openPersistence({ kind: 'sqlite', dataDir, ...noFailures });
    for (let i = 0; i < 200; i++) first.sessions.record({ id: `s${i}`, username: 'u'.repeat(200), createdAt: 1, expiresAt: 2, address: null, userAgent: null });
    await first.writes.drained();
    await first.close();
    const file = join(dataDir, SQLITE_FILE);
    damage(file);
    const before = readFileSync(file);
    const message = await refusal({ kind: 'sqlite', dataDir, ...noFailures });
    expect(message).toMatch(new RegExp(`^DATA_DIR: ${file} is not a sound SQLite database \\(.*${why.source}.*\\); it was left untouched`));
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('runs in memory when told to, for tests that need no file', async () => {
    const persistence = await open({ kind: 'sqlite', dataDir: null, secretKey: TEST_SECRET_KEY, ...noFailures });
    expect(persistence.location).toBe(':memory:');
    expect(await persistence.secrets.getOrCreate('x', () => 'y')).toBe('y');
  });
});

describe('openPersistence on PostgreSQL', () => {
  it('refuses a server it cannot reach, in one line naming DATABASE_URL and never the password', async () => {
    const port = await freePort();
    const url = `postgres://postgres:s3cret-password@127.0.0.1:${port}/test`;
    const message = await refusal({ kind: 'postgres', url, secretKey: TEST_SECRET_KEY, ...noFailures });
    expect(message).toBe(`DATABASE_URL: cannot reach the database at postgres://postgres@127.0.0.1:${port}/test: connect ECONNREFUSED 127.0.0.1:${port}`);
  });

  it('refuses a search_path that names no schema', async () => {
    const url = new URL(TEST_POSTGRES_URL);
    url.searchParams.set('options', '-c search_path=no_such_schema_here');
    expect(await refusal({ kind: 'postgres', url: url.toString(), secretKey: TEST_SECRET_KEY, ...noFailures })).toMatch(
      /^DATABASE_URL: the search_path of .* names no existing schema/,
    );
  });

  it('opens a fresh schema ready to use', async () => {
    const scratch = new ScratchDatabases('postgres');
    try {
      const persistence = await openPersistence(optionsFor(await scratch.create()));
      expect(persistence.kind).toBe('postgres');
      expect(persistence.health()).toMatchObject({ kind: 'postgres', reachable: true, error: null, queuedWrites: 0 });
      await persistence.close();
    } finally {
      await scratch.dropAll();
    }
  });
});

