import { openPersistence } from '@hfd/persistence';
import BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logWriteFailure } from '../persistence/persistence-options';
import { runDbBackup } from './db-backup';

describe('db:backup', () => {
  let dir: string;
  let lines: string[];
  const write = (line: string) => void lines.push(line);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hfd-backup-'));
    lines = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('copies the SQLite database of DATA_DIR while it is open, writes included, and says to keep secret.key with it', async () => {
    const dataDir = join(dir, 'data');
    const persistence = await openPersistence({ kind: 'sqlite', dataDir, onWriteFailure: logWriteFailure });
    try {
      persistence.sessions.record({ id: 'kept', username: 'admin', createdAt: 1, expiresAt: 2, address: null, userAgent: null });
      await persistence.writes.drained();
      const target = join(dir, 'copy.db');
      expect(await runDbBackup([target], { DATA_DIR: dataDir }, write)).toBe(0);
      const copy = new BetterSqlite3(target, { readonly: true });
      try {
        expect(copy.prepare('SELECT id FROM sessions').all()).toEqual([{ id: 'kept' }]);
      } finally {
        copy.close();
      }
      expect(lines).toEqual([expect.stringMatching(new RegExp(`^Backed up ${join(dataDir, 'hf-dashboard.db')} to ${target} \\(\\d+ pages\\)\\. Keep ${join(dataDir, 'secret.key')} with it`))]);
    } finally {
      await persistence.close();
    }
  });

  it('refuses to overwrite a file, and says so when there is no database to copy', async () => {
    const dataDir = join(dir, 'data');
    await (await openPersistence({ kind: 'sqlite', dataDir, onWriteFailure: logWriteFailure })).close();
    const existing = join(dir, 'existing.db');
    writeFileSync(existing, 'precious');
    expect(await runDbBackup([existing], { DATA_DIR: dataDir }, write)).toBe(1);
    expect(readFileSync(existing, 'utf8')).toBe('precious');
    expect(await runDbBackup([join(dir, 'new.db')], { DATA_DIR: join(dir, 'empty') }, write)).toBe(1);
    expect(existsSync(join(dir, 'new.db'))).toBe(false);
    expect(lines).toEqual([
      `Backup failed: ${existing} exists already: give a new file name`,
      `Backup failed: There is no database at ${join(dir, 'empty', 'hf-dashboard.db')}`,
    ]);
  });

  it('points to pg_dump when the data is in PostgreSQL', async () => {
    expect(await runDbBackup([join(dir, 'x.db')], { DATABASE_URL: 'postgres://db/x', SECRET_KEY: 'k'.repeat(32) }, write)).toBe(2);
    expect(lines).toEqual(['DATABASE_URL is set: the data is in PostgreSQL; back it up with pg_dump (see docs/deployment.md)']);
  });

  it('explains its usage when not given exactly one file', async () => {
    expect(await runDbBackup([], {}, write)).toBe(64);
    expect(await runDbBackup(['a', 'b'], {}, write)).toBe(64);
    expect(lines[0]).toMatch(/^usage: npm run db:backup -- FILE/);
  });
});
