import type { Automation } from '@hfd/contracts';
import { createRequest, emptyForm, formOf, gaveUpOn, nextRunOf, previewRuns, updateRequest } from './automation-form';

const rule: Automation = {
  id: 'abcdef0123456789',
  name: 'nightly',
  description: null,
  kind: 'schedule',
  targets: { spaces: ['alice/app'] },
  settings: { cron: '0 4 * * *', timezone: 'Asia/Shanghai', action: 'restart' },
  enabled: true,
  owner: 'admin',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  spaces: [{ spaceId: 'alice/app', nextRunAt: '2026-01-01T20:00:00.000Z', lastRunAt: null, attempts: 0, gaveUpAt: '2026-01-01T10:00:00.000Z', missing: false }],
  nextRuns: ['2026-01-01T20:00:00.000Z', '2026-01-02T20:00:00.000Z'],
};

describe('automation form', () => {
  it('sends only the fields of the chosen kind, numbers as numbers (number inputs hand over numbers)', () => {
    const form = { ...emptyForm(), name: ' ladder ', kind: 'recovery' as const, spaces: ['alice/app'], graceSeconds: 0 as unknown as string, stuckMinutes: '' };
    expect(createRequest(form)).toEqual({ name: 'ladder', kind: 'recovery', targets: { spaces: ['alice/app'] }, graceSeconds: 0, maxAttemptsPerDay: 3 });
    const probe = { ...emptyForm(), name: 'p', kind: 'probe' as const, accounts: ['alice'], intervalSeconds: '30', keyword: '' };
    expect(createRequest(probe)).toEqual({ name: 'p', kind: 'probe', targets: { accounts: ['alice'] }, intervalSeconds: 30, path: '/', expectStatus: 200 });
  });

  it('shows a stored rule for editing and sends it back unchanged', () => {
    const form = formOf(rule);
    expect(form).toMatchObject({ name: 'nightly', kind: 'schedule', cron: '0 4 * * *', timezone: 'Asia/Shanghai', action: 'restart', spaces: ['alice/app'] });
    expect(updateRequest(form)).toEqual({ name: 'nightly', description: '', targets: { spaces: ['alice/app'] }, cron: '0 4 * * *', timezone: 'Asia/Shanghai', action: 'restart', missedRuns: 'skip' });
  });

  it('keeps the filter of a rule, which the form does not edit, when saving an edit', () => {
    expect(updateRequest(formOf(rule), { namePattern: 'alice/*' }).targets).toEqual({ spaces: ['alice/app'], filter: { namePattern: 'alice/*' } });
  });

  it('previews five runs of a valid expression and none of a broken one; names the next run and the Spaces given up on', () => {
    expect(previewRuns('0 4 * * *', 'Asia/Shanghai')).toHaveLength(5);
    expect(previewRuns('0 25 * * *', 'Asia/Shanghai')).toEqual([]);
    expect(previewRuns('0 4 * * *', 'Nowhere/City')).toEqual([]);
    expect(nextRunOf(rule)).toBe('2026-01-01T20:00:00.000Z');
    expect(gaveUpOn(rule)).toEqual(['alice/app']);
  });
});
