import { CliArgsError, DEFAULT_PORT, parseCliArgs } from './cli-args';

describe('parseCliArgs', () => {
  it('defaults to the demo scenario on 127.0.0.1:4010', () => {
    expect(parseCliArgs([])).toEqual({ port: DEFAULT_PORT, host: '127.0.0.1', manualClock: false, help: false });
    expect(DEFAULT_PORT).toBe(4010);
  });

  it('reads every option, long and short', () => {
    expect(
      parseCliArgs(['--port', '0', '--host', '0.0.0.0', '--scenario', 'bench.json', '--seed=-7', '--time-scale', '60', '--manual-clock']),
    ).toEqual({
      port: 0,
      host: '0.0.0.0',
      scenario: 'bench.json',
      seed: -7,
      timeScale: 60,
      manualClock: true,
      help: false,
    });
    expect(parseCliArgs(['-p', '8081', '-s', 'x.json', '-h'])).toEqual({
      port: 8081,
      host: '127.0.0.1',
      scenario: 'x.json',
      manualClock: false,
      help: true,
    });
    expect(parseCliArgs(['--time-scale=0.5']).timeScale).toBe(0.5);
    expect(parseCliArgs(['--port=9000']).port).toBe(9000);
  });

  it.each([
    [['--port', 'http'], '--port must be an integer, got "http"'],
    [['--port', '70000'], '--port must be between 0 and 65535, got 70000'],
    [['--port', '1.5'], '--port must be an integer, got "1.5"'],
    [['--seed', 'abc'], '--seed must be an integer, got "abc"'],
    [['--seed', '99999999999'], '--seed must be between -2147483648 and 2147483647, got 99999999999'],
    [['--scenario', ''], '--scenario must name a file'],
    [['--host', ' '], '--host must not be empty'],
    [['--time-scale', '0'], '--time-scale must be a positive number, got "0"'],
    [['--time-scale', 'fast'], '--time-scale must be a positive number, got "fast"'],
  ])('explains a bad value: %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(new CliArgsError(message));
  });

  it.each([[['--verbose']], [['extra']], [['--port']]])('refuses unknown options, positionals and missing values: %j', (argv) => {
    expect(() => parseCliArgs(argv)).toThrow(CliArgsError);
  });
});
