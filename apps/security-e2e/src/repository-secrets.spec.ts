import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from '@hfd/test-support';

/**
 * "Secrets in the repository": no credential is committed, and the files that hold them
 * locally (.env) are kept out of both Git and the Docker build context. Test data uses
 * tokens that cannot be real (wrong length or shape).
 */

const PATTERNS: readonly (readonly [name: string, pattern: RegExp])[] = [
  ['a Hugging Face user access token', /\bhf_[A-Za-z0-9]{34}\b/],
  ['a Hugging Face organisation API token', /\bapi_org_[A-Za-z0-9]{34}\b/],
  ['a GitHub token', /\bgh[pousr]_[A-Za-z0-9]{36}\b/],
  ['an AWS access key id', /\bAKIA[0-9A-Z]{16}\b/],
  ['a private key', /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/],
];

function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: WORKSPACE_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    .split('\0')
    .filter((path) => path !== '');
}

function textOf(path: string): string | null {
  const full = join(WORKSPACE_ROOT, path);
  let size: number;
  try {
    size = statSync(full).size;
  } catch {
    return null; // Deleted in the working tree, not yet in the index.
  }
  if (size > 8 * 1024 * 1024) return null;
  const content = readFileSync(full);
  if (content.subarray(0, 8000).includes(0)) return null; // Binary.
  return content.toString('utf8');
}

describe('secrets in the repository', () => {
  const files = trackedFiles();

  it('scans a real checkout', () => {
    expect(files).toEqual(expect.arrayContaining(['package.json', 'apps/api/src/main.ts', 'docker/.env.example']));
  });

  it('commits no token, key or private key in any tracked text file', () => {
    const findings: string[] = [];
    for (const path of files) {
      const text = textOf(path);
      if (text === null) continue;
      for (const [name, pattern] of PATTERNS) if (pattern.test(text)) findings.push(`${path}: ${name}`);
    }
    expect(findings).toEqual([]);
  });

  it('tracks no .env file, only the example', () => {
    expect(files.filter((path) => /(^|\/)\.env(\..*)?$/.test(path) && !path.endsWith('.env.example'))).toEqual([]);
  });

  it('keeps .env out of Git and out of the Docker build context', () => {
    const gitignore = readFileSync(join(WORKSPACE_ROOT, '.gitignore'), 'utf8').split('\n').map((line) => line.trim());
    expect(gitignore).toContain('.env');
    const dockerignore = readFileSync(join(WORKSPACE_ROOT, '.dockerignore'), 'utf8').split('\n').map((line) => line.trim());
    expect(dockerignore).toEqual(expect.arrayContaining(['**/.env', '**/.env.*', '!**/.env.example']));
    const ignored = execFileSync('git', ['check-ignore', '--no-index', 'docker/.env', '.env', 'apps/api/.env'], { cwd: WORKSPACE_ROOT, encoding: 'utf8' });
    expect(ignored.split('\n').filter(Boolean).sort()).toEqual(['.env', 'apps/api/.env', 'docker/.env']);
  });
});
