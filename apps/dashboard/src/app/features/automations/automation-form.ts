import { Cron } from 'croner';
import type { Automation, AutomationFilter, AutomationKind, AutomationTargets, CreateAutomationRequest, UpdateAutomationRequest } from '@hfd/contracts';

/** The form's values: every kind's fields, text where people type numbers. */
export interface AutomationFormValue {
  name: string;
  description: string;
  kind: AutomationKind;
  spaces: string[];
  accounts: string[];
  intervalSeconds: string;
  cron: string;
  timezone: string;
  action: string;
  missedRuns: string;
  graceSeconds: string;
  maxAttemptsPerDay: string;
  stuckMinutes: string;
  path: string;
  expectStatus: string;
  keyword: string;
  timeoutSeconds: string;
  start: string;
  durationMinutes: string;
  recurring: boolean;
}

export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function emptyForm(): AutomationFormValue {
  return {
    name: '',
    description: '',
    kind: 'keep-alive',
    spaces: [],
    accounts: [],
    intervalSeconds: '',
    cron: '0 4 * * *',
    timezone: browserZone(),
    action: 'restart',
    missedRuns: 'skip',
    graceSeconds: '120',
    maxAttemptsPerDay: '3',
    stuckMinutes: '',
    path: '/',
    expectStatus: '200',
    keyword: '',
    timeoutSeconds: '',
    start: '',
    durationMinutes: '60',
    recurring: false,
  };
}

function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/** A stored rule as the form shows it, for editing. */
export function formOf(rule: Automation): AutomationFormValue {
  const settings = rule.settings as unknown as Record<string, unknown>;
  const start = typeof settings['start'] === 'string' ? (settings['start'] as string).slice(0, 16) : '';
  return {
    ...emptyForm(),
    name: rule.name,
    description: rule.description ?? '',
    kind: rule.kind,
    spaces: rule.targets.spaces ?? [],
    accounts: rule.targets.accounts ?? [],
    intervalSeconds: text(settings['intervalSeconds']),
    cron: text(settings['cron']) || emptyForm().cron,
    timezone: text(settings['timezone']) || browserZone(),
    action: text(settings['action']) || 'restart',
    missedRuns: text(settings['missedRuns']) || 'skip',
    graceSeconds: text(settings['graceSeconds']),
    maxAttemptsPerDay: text(settings['maxAttemptsPerDay']),
    stuckMinutes: text(settings['stuckMinutes']),
    path: text(settings['path']) || '/',
    expectStatus: text(settings['expectStatus']) || '200',
    keyword: text(settings['keyword']),
    timeoutSeconds: text(settings['timeoutSeconds']),
    start,
    durationMinutes: text(settings['durationMinutes']),
    recurring: settings['cron'] !== undefined,
  };
}

/** Number inputs hand the form numbers (or null when empty), text inputs strings. */
function number(value: string | number | null): number | undefined {
  const text = String(value ?? '').trim();
  return text === '' ? undefined : Number(text);
}

function optional(value: string | number | null): string | undefined {
  const text = String(value ?? '').trim();
  return text === '' ? undefined : text;
}

/** The settings fields of the form's kind, as the API takes them (the server checks them again). */
function settingsOf(form: AutomationFormValue): Record<string, unknown> {
  switch (form.kind) {
    case 'keep-alive':
      return { intervalSeconds: number(form.intervalSeconds) };
    case 'schedule':
      return { cron: form.cron.trim(), timezone: form.timezone.trim(), action: form.action, missedRuns: form.missedRuns };
    case 'recovery':
      return { graceSeconds: number(form.graceSeconds) ?? 0, maxAttemptsPerDay: number(form.maxAttemptsPerDay), stuckMinutes: number(form.stuckMinutes) };
    case 'probe':
      return { intervalSeconds: number(form.intervalSeconds), path: optional(form.path), expectStatus: number(form.expectStatus), keyword: optional(form.keyword), timeoutSeconds: number(form.timeoutSeconds) };
    case 'maintenance':
      return form.recurring
        ? { cron: form.cron.trim(), timezone: form.timezone.trim(), durationMinutes: number(form.durationMinutes) }
        : { start: form.start ? new Date(form.start).toISOString() : undefined, durationMinutes: number(form.durationMinutes) };
  }
}

/** The form edits listed Spaces and accounts; a filter (set through the API) is kept as it is. */
function targetsOf(form: AutomationFormValue, filter?: AutomationFilter): AutomationTargets {
  return { ...(form.spaces.length ? { spaces: form.spaces } : {}), ...(form.accounts.length ? { accounts: form.accounts } : {}), ...(filter ? { filter } : {}) };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

export function createRequest(form: AutomationFormValue): CreateAutomationRequest {
  return withoutUndefined({ name: form.name.trim(), description: optional(form.description), kind: form.kind, targets: targetsOf(form), ...settingsOf(form) }) as CreateAutomationRequest;
}

export function updateRequest(form: AutomationFormValue, filter?: AutomationFilter): UpdateAutomationRequest {
  return withoutUndefined({ name: form.name.trim(), description: String(form.description ?? '').trim(), targets: targetsOf(form, filter), ...settingsOf(form) }) as UpdateAutomationRequest;
}

/** The next five runs of a cron expression in a zone, for the preview as people type; empty while it is not valid. */
export function previewRuns(cron: string, timezone: string): Date[] {
  try {
    return new Cron(cron.trim(), { timezone: timezone.trim(), paused: true, mode: '5-part' }).nextRuns(5);
  } catch {
    return [];
  }
}

/** The earliest next run among a rule's Spaces, or its schedule's next run. */
export function nextRunOf(rule: Automation): string | null {
  const times = rule.spaces.map((space) => space.nextRunAt).filter((time): time is string => time !== null);
  if (rule.kind === 'schedule' || rule.kind === 'maintenance') times.push(...rule.nextRuns.slice(0, 1));
  return times.sort()[0] ?? null;
}

export function lastRunOf(rule: Automation): string | null {
  return (
    rule.spaces
      .map((space) => space.lastRunAt)
      .filter((time): time is string => time !== null)
      .sort()
      .at(-1) ?? null
  );
}

export function gaveUpOn(rule: Automation): string[] {
  return rule.spaces.filter((space) => space.gaveUpAt !== null).map((space) => space.spaceId);
}
