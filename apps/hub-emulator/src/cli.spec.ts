import { runCli, type CliIo } from './cli';

function capture(): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (line) => lines.push(line), err: (line) => errors.push(line) };
}

describe('runCli', () => {
  it('starts the demo scenario, prints the URL and never a token', async () => {
    const io = capture();
    const result = await runCli(['--port', '0'], io);
    if (!('hub' in result)) throw new Error(`Did not start: ${io.errors.join('\n')}`);
    try {
      expect(io.lines[0]).toBe(`Hub emulator listening on ${result.hub.url}`);
      expect(io.lines[1]).toMatch(/^Scenario: demo \(seed 20240601\): 4 accounts, 16 Spaces; watch: alice, nebula-labs, bob, carol$/);
      expect(io.lines.join('\n')).not.toContain('demo-alice');
      const res = await fetch(`${result.hub.url}/api/spaces?author=alice`);
      expect(res.status).toBe(200);
    } finally {
      await result.hub.close();
    }
  });

  it('prints the app URL template, and serves a manual or compressed Hub clock', async () => {
    const io = capture();
    const result = await runCli(['--port', '0', '--manual-clock', '--time-scale', '60'], io);
    if (!('hub' in result)) throw new Error(`Did not start: ${io.errors.join('\n')}`);
    try {
      expect(io.lines).toContain(`Space apps: SPACE_URL_TEMPLATE=${result.hub.url}/_apps/{subdomain}`);
      expect(io.lines.at(-1)).toBe(`Hub clock: manual (x60); step it with POST ${result.hub.url}/__emulator/clock/advance {"by":"10s"}`);
      const res = await fetch(`${result.hub.url}/__emulator/clock/advance`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ by: '1m' }),
      });
      const clock = (await res.json()) as { now: string; startedAt: string };
      expect(Date.parse(clock.now) - Date.parse(clock.startedAt)).toBe(60_000);
    } finally {
      await result.hub.close();
    }
  });

  it('prints the usage for --help', async () => {
    const io = capture();
    expect(await runCli(['--help'], io)).toEqual({ exitCode: 0 });
    expect(io.lines[0]).toMatch(/^Usage: npm run emulator -- /);
  });

  it('exits 2 with the problem and the usage for bad arguments', async () => {
    const io = capture();
    expect(await runCli(['--port', 'abc'], io)).toEqual({ exitCode: 2 });
    expect(io.errors[0]).toMatch(/^hub-emulator: --port must be an integer, got "abc"\n\nUsage:/);
  });

  it('exits 1 naming the problem when the scenario cannot be loaded', async () => {
    const io = capture();
    expect(await runCli(['--port', '0', '--scenario', '/nonexistent/scenario.json'], io)).toEqual({ exitCode: 1 });
    expect(io.errors[0]).toMatch(/^hub-emulator: Invalid scenario \(\/nonexistent\/scenario\.json\):\n {2}- cannot read the file/);
  });
});
