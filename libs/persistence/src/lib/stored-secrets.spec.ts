import { DATABASE_KINDS, ScratchDatabases } from '@hfd/test-support';
import { openedForEachTest, optionsFor } from '../testing/scratch-options';

describe.each(DATABASE_KINDS)('StoredSecrets (%s)', (kind) => {
  const scratch = new ScratchDatabases(kind);
  const open = openedForEachTest();
  afterAll(() => scratch.dropAll());

  it('generates a secret once and gives the same one after a restart', async () => {
    const options = optionsFor(await scratch.create());
    let generated = 0;
    const generate = () => `generated-${++generated}`;
    const first = await open(options);
    expect(await first.secrets.getOrCreate('jwt', generate)).toBe('generated-1');
    expect(await first.secrets.getOrCreate('jwt', generate)).toBe('generated-1');
    await first.close();
    const again = await open(options);
    expect(await again.secrets.getOrCreate('jwt', generate)).toBe('generated-1');
    expect(generated).toBe(1);
  });

  it('stores it encrypted, never as the secret itself', async () => {
    const persistence = await open(optionsFor(await scratch.create()));
    await persistence.secrets.getOrCreate('jwt', () => 'the-plain-secret-value');
    const rows = await persistence.db.selectFrom('settings').selectAll().execute();
    const stored = rows.find((row) => row.key === 'secret:jwt');
    expect(stored?.value).toMatch(/^v1\.[0-9a-f]{12}\./);
    expect(JSON.stringify(rows)).not.toContain('the-plain-secret-value');
  });

  it('gives two servers starting together the same secret', async () => {
    const options = optionsFor(await scratch.create());
    const [a, b] = [await open(options), await open(options)];
    const secrets = await Promise.all([a.secrets.getOrCreate('jwt', () => 'from-a'), b.secrets.getOrCreate('jwt', () => 'from-b')]);
    expect(new Set(secrets).size).toBe(1);
  });
});
