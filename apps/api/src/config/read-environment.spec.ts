import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEnvironment } from './read-environment';

describe('readEnvironment', () => {
  it('reads a .env file, and the process environment wins over it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'env-'));
    writeFileSync(join(dir, '.env'), 'HF_USER="user1:token1,user3:"\nUSER_NAME=from-file\n');
    process.env['USER_NAME'] = 'from-process';
    try {
      const env = readEnvironment(dir);
      expect(env['HF_USER']).toBe('user1:token1,user3:');
      expect(env['USER_NAME']).toBe('from-process');
    } finally {
      delete process.env['USER_NAME'];
    }
  });

  it('works without a .env file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'env-'));
    expect(readEnvironment(dir)['PATH']).toBe(process.env['PATH']);
  });
});
