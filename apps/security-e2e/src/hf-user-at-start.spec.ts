import { killAll } from '@hfd/test-support';
import { API_MAIN, ensureApiBuild, startServer, type StartResult } from './support/api-process';

/**
 * Issue §3, "invalid HF_USER forms at start": the real server, given a bad HF_USER, stops at
 * once with a non-zero status and exactly one line on stderr that names HF_USER — and never
 * repeats a token, wherever in the value the token was.
 */

/** Long enough to look like the real thing; each case has its own, so a leak is traced to it. */
function token(tag: string): string {
  return `hf_${tag}${'Q7x'.repeat(12)}`.slice(0, 37);
}

interface BadForm {
  name: string;
  value: string;
  /** Text that must appear nowhere in the output: the tokens, and pieces of them. */
  secrets: string[];
}

const DUP_A = token('dupA');
const DUP_B = token('dupB');
const SLASH = token('slash');
const UNICODE = token('unicode');
const SPACED_LEFT = 'hf_spacedLeftPart0123';
const SPACED_RIGHT = 'RightPart456789abcdef';
const NO_COLON = token('nocolon');
const EQUALS = token('equals');
const ALONE = token('alone');

const BAD_FORMS: BadForm[] = [
  { name: 'the same account twice (in another case)', value: `alice:${DUP_A},Alice:${DUP_B}`, secrets: [DUP_A, DUP_B] },
  { name: 'a name with a slash', value: `alice/bob:${SLASH}`, secrets: [SLASH] },
  { name: 'a unicode name', value: `алиса:${UNICODE}`, secrets: [UNICODE] },
  { name: 'a token with a space', value: `alice:${SPACED_LEFT} ${SPACED_RIGHT}`, secrets: [SPACED_LEFT, SPACED_RIGHT] },
  { name: 'only commas', value: ',,,', secrets: [] },
  { name: 'only commas and spaces', value: ' , ,  ,', secrets: [] },
  { name: 'a space where the colon belongs', value: `alice ${NO_COLON}`, secrets: [NO_COLON] },
  { name: 'an equals sign where the colon belongs', value: `alice=${EQUALS}`, secrets: [EQUALS] },
  { name: 'a token where the name belongs', value: `bob:,${ALONE}`, secrets: [ALONE] },
];

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

describe('invalid HF_USER at start (the built server, as its own process)', () => {
  beforeAll(() => ensureApiBuild(), 600_000);
  afterAll(() => killAll());

  it('starts from the built bundle', () => {
    expect(API_MAIN).toMatch(/main\.js$/);
  });

  it.each(BAD_FORMS)(
    'stops with a non-zero status and one line naming HF_USER, without the token: $name',
    async ({ value, secrets }) => {
      const result: StartResult = await startServer({ HF_USER: value });
      const errors = lines(result.stderr);
      expect({ code: result.code, stderr: errors }).toEqual({ code: 1, stderr: [expect.stringMatching(/^Invalid configuration: HF_USER: /)] });
      // Within a few seconds: it stops while reading its configuration, before listening.
      expect(result.elapsedMs).toBeLessThan(15_000);
      for (const secret of secrets) {
        expect(result.stderr).not.toContain(secret);
        expect(result.stdout).not.toContain(secret);
      }
      // The very value is not repeated either (the tokens are in it).
      expect(result.stderr).not.toContain(value);
    },
    60_000,
  );

  it('says what is wrong in terms an operator can act on', async () => {
    const duplicate = await startServer({ HF_USER: `alice:${DUP_A},alice:${DUP_B}` });
    expect(duplicate.stderr).toContain('account "alice" is listed twice');
    const empty = await startServer({ HF_USER: ',,,' });
    expect(empty.stderr).toContain('lists no account');
    const spaced = await startServer({ HF_USER: `alice:${SPACED_LEFT} ${SPACED_RIGHT}` });
    expect(spaced.stderr).toContain('entry 1 (alice): the token contains spaces');
    const alone = await startServer({ HF_USER: `bob:,${ALONE}` });
    expect(alone.stderr).toContain('entry 2 is a token where the account name belongs');
  }, 120_000);

  it('refuses a JWT_SECRET that is too short the same way, without repeating it', async () => {
    const secret = 'short-secret-xyz';
    const result = await startServer({ HF_USER: 'alice:', JWT_SECRET: secret });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([expect.stringMatching(/^Invalid configuration: JWT_SECRET: /)]);
    expect(result.stderr + result.stdout).not.toContain(secret);
  }, 60_000);
});
