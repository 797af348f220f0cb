import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { killAll, WORKSPACE_ROOT } from '@hfd/test-support';
import { ensureApiBuild, startServer } from './support/api-process';

/**
 * "No default password": docker/.env.example publishes placeholder values for API_KEY and
 * USER_PASSWORD. Copied to .env and left unedited, they would be a key and a password anyone
 * can read on GitHub; the built server refuses to start with them instead.
 */

const EXAMPLE = readFileSync(join(WORKSPACE_ROOT, 'docker/.env.example'), 'utf8');

/** The value of an active `NAME=value` line of the example. */
function exampleValue(name: string): string {
  const line = EXAMPLE.split('\n').find((entry) => entry.startsWith(`${name}=`));
  if (line === undefined) throw new Error(`docker/.env.example sets no ${name}`);
  return line.slice(name.length + 1).trim();
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

describe('an unedited copy of docker/.env.example (the built server, as its own process)', () => {
  beforeAll(() => ensureApiBuild(), 600_000);
  afterAll(() => killAll());

  it('publishes placeholders for the key and the password (the premise of these tests)', () => {
    expect(exampleValue('API_KEY')).toMatch(/^change-me/);
    expect(exampleValue('USER_PASSWORD')).toMatch(/^change-me/);
  });

  it('does not start: status 1 and one line naming the variable, without repeating its value', async () => {
    const result = await startServer({}, { dotenv: EXAMPLE });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([expect.stringMatching(/^Invalid configuration: API_KEY: is still the placeholder of docker\/\.env\.example/)]);
    expect(result.stderr).not.toContain(exampleValue('API_KEY'));
    expect(result.elapsedMs).toBeLessThan(15_000);
  }, 60_000);

  it('does not start with the example password either, once the key is set', async () => {
    const result = await startServer({ API_KEY: 'an-api-key-of-my-own-0123456789' }, { dotenv: EXAMPLE });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([expect.stringMatching(/^Invalid configuration: USER_PASSWORD: is still the placeholder/)]);
    expect(result.stderr).not.toContain(exampleValue('USER_PASSWORD'));
  }, 60_000);
});
