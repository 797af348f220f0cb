import { ApiException } from '../common/errors/api.exception';
import { settingsFor, type SettingsInput } from './rule-settings';

function codeOf(kind: Parameters<typeof settingsFor>[0], input: SettingsInput): string {
  try {
    settingsFor(kind, input);
  } catch (error) {
    if (error instanceof ApiException) return error.code;
    throw error;
  }
  return 'stored';
}

describe('rule settings', () => {
  it('keeps the settings of the kind, fills the ladder cap, and normalises a one-off window', () => {
    expect(settingsFor('recovery', { graceSeconds: 60 })).toEqual({ graceSeconds: 60, maxAttemptsPerDay: 3 });
    expect(settingsFor('keep-alive', {})).toEqual({});
    expect(settingsFor('schedule', { cron: '0 4 * * 1', timezone: 'Asia/Shanghai', action: 'rebuild', missedRuns: 'run-once' })).toEqual({
      cron: '0 4 * * 1',
      timezone: 'Asia/Shanghai',
      action: 'rebuild',
      missedRuns: 'run-once',
    });
    expect(settingsFor('maintenance', { start: '2026-01-01T10:00:00+01:00', durationMinutes: 30 })).toEqual({ start: '2026-01-01T09:00:00.000Z', durationMinutes: 30 });
  });

  it.each([
    ['keep-alive', { intervalSeconds: 59 }, 'INTERVAL_TOO_SHORT'],
    ['probe', { intervalSeconds: 9 }, 'INTERVAL_TOO_SHORT'],
    ['probe', { intervalSeconds: 10, timeoutSeconds: 11 }, 'INVALID_AUTOMATION'],
    ['probe', {}, 'INVALID_AUTOMATION'],
    ['schedule', { cron: '0 4 * * *', timezone: 'UTC' }, 'INVALID_AUTOMATION'],
    ['schedule', { cron: '0 4 * * *', timezone: 'UTC', action: 'delete' }, 'INVALID_AUTOMATION'],
    ['schedule', { cron: '0 4 * *', timezone: 'UTC', action: 'restart' }, 'INVALID_CRON'],
    ['schedule', { cron: '0 4 * * *', timezone: 'Europe/Atlantis', action: 'restart' }, 'INVALID_TIMEZONE'],
    ['recovery', { graceSeconds: 0, intervalSeconds: 60 }, 'INVALID_AUTOMATION'],
    ['maintenance', { durationMinutes: 60 }, 'INVALID_AUTOMATION'],
    ['maintenance', { start: '2026-01-01T10:00:00Z', cron: '0 2 * * *', timezone: 'UTC', durationMinutes: 60 }, 'INVALID_AUTOMATION'],
  ] as const)('refuses %s %j with %s', (kind, input, code) => {
    expect(codeOf(kind, input)).toBe(code);
  });
});
