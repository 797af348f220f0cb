import { Injectable } from '@nestjs/common';
import {
  ERROR_CODES,
  type Automation,
  type AutomationKind,
  type AutomationRun,
  type AutomationRunResponse,
  type AutomationRunResult,
  type AutomationSettings,
  type AutomationStep,
  type AutomationTargets,
  type MaintenanceSettings,
  type ScheduleSettings,
} from '@hfd/contracts';
import { AutomationRepository, type AutomationJobRecord, type AutomationRuleRecord } from '@hfd/persistence';
import { randomBytes } from 'node:crypto';
import { ApiException } from '../common/errors/api.exception';
import type { Principal } from '../common/http/principal';
import type { AuditContext } from '../people/audit-context';
import { AuditService } from '../people/audit.service';
import { InventoryService } from '../spaces/inventory.service';
import { SpacesService } from '../spaces/spaces.service';
import { AutomationEngine } from './automation-engine.service';
import { nextRuns, windowStartAt, windowStarts } from './cron';
import type { CreateAutomationDto, UpdateAutomationDto } from './dto/automation.dto';
import { settingsFor, type SettingsInput } from './rule-settings';
import { accountsOf, resolveTargets } from './targets';

const DAY_MS = 86_400_000;
const PREVIEW_RUNS = 5;

function notFound(): ApiException {
  return new ApiException(404, ERROR_CODES.notFound, 'No such automation');
}

function iso(time: number | null): string | null {
  return time === null ? null : new Date(time).toISOString();
}

function ownerOf(principal: Principal): string {
  return principal.kind === 'session' ? principal.username : principal.name;
}

function settingsInput(body: SettingsInput): SettingsInput {
  const { intervalSeconds, cron, timezone, action, missedRuns, graceSeconds, maxAttemptsPerDay, stuckMinutes, rebuildWindowSeconds, backoffSeconds, path, expectStatus, keyword, timeoutSeconds, start, durationMinutes } = body;
  return { intervalSeconds, cron, timezone, action, missedRuns, graceSeconds, maxAttemptsPerDay, stuckMinutes, rebuildWindowSeconds, backoffSeconds, path, expectStatus, keyword, timeoutSeconds, start, durationMinutes };
}

/** Whether a rule of this kind and settings changes Spaces through the Hub (and so needs a token that may write). */
function actsThroughHub(kind: AutomationKind, settings: AutomationSettings): boolean {
  return kind === 'recovery' || (kind === 'schedule' && (settings as ScheduleSettings).action !== 'visit');
}

/**
 * The automations routes: rules checked before they are stored (a 400 with the reason and
 * nothing stored), seen and changed within the caller's account scope, and run or dry-run
 * through the engine.
 */
@Injectable()
export class AutomationsService {
  constructor(
    private readonly repository: AutomationRepository,
    private readonly engine: AutomationEngine,
    private readonly inventory: InventoryService,
    private readonly spaces: SpacesService,
    private readonly audit: AuditService,
  ) {}

  /** The rules the caller may see; with `spaceId`, those whose targets include that Space now (for its page). */
  async list(principal: Principal, spaceId?: string): Promise<Automation[]> {
    const space = spaceId === undefined ? undefined : this.inventory.find(spaceId);
    if (spaceId !== undefined && space === undefined) return [];
    const rules = (await this.repository.rules()).filter(
      (rule) => this.inScope(rule, principal) && (space === undefined || resolveTargets(rule.targets as AutomationTargets, [space]).matched.length > 0),
    );
    const jobs = await this.repository.jobs();
    return rules.map((rule) => this.view(rule, jobs.filter((job) => job.ruleId === rule.id)));
  }

  async create(body: CreateAutomationDto, principal: Principal, context: AuditContext): Promise<Automation> {
    const settings = settingsFor(body.kind, settingsInput(body));
    const targets = this.checkTargets(body.kind, settings, body.targets, principal);
    const now = Date.now();
    const rule: AutomationRuleRecord = {
      id: randomBytes(8).toString('hex'),
      name: body.name.trim(),
      description: body.description?.trim() || null,
      kind: body.kind,
      targets,
      settings,
      enabled: body.enabled ?? true,
      owner: ownerOf(principal),
      createdAt: now,
      updatedAt: now,
    };
    await this.audit.track(context, { kind: 'automation.create', target: rule.name, detail: `${rule.kind} ${rule.id}` }, () => this.repository.insertRule(rule));
    return this.view(rule, []);
  }

  async update(id: string, body: UpdateAutomationDto, principal: Principal, context: AuditContext): Promise<Automation> {
    const stored = await this.owned(id, principal);
    const kind = stored.kind as AutomationKind;
    const given = settingsInput(body);
    const changed = Object.values(given).some((value) => value !== undefined);
    const settings = changed ? settingsFor(kind, { ...(stored.settings as SettingsInput), ...Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)) }) : (stored.settings as AutomationSettings);
    const targets = this.checkTargets(kind, settings, body.targets ?? (stored.targets as AutomationTargets), principal);
    const rule: AutomationRuleRecord = {
      ...stored,
      name: body.name?.trim() ?? stored.name,
      description: body.description === undefined ? stored.description : body.description.trim() || null,
      targets,
      settings,
      enabled: body.enabled ?? stored.enabled,
      updatedAt: Date.now(),
    };
    await this.audit.track(context, { kind: 'automation.update', target: rule.name, detail: `${rule.kind} ${rule.id}${body.enabled === undefined ? '' : ` enabled=${rule.enabled}`}` }, () => this.repository.updateRule(rule));
    return this.view(rule, []);
  }

  async remove(id: string, principal: Principal, context: AuditContext): Promise<void> {
    const rule = await this.owned(id, principal);
    await this.audit.track(context, { kind: 'automation.delete', target: rule.name, detail: `${rule.kind} ${rule.id}` }, () => this.repository.deleteRule(id));
  }

  async runs(id: string, principal: Principal, limit: number): Promise<AutomationRun[]> {
    await this.owned(id, principal);
    return (await this.repository.runs(id, limit)).map((run) => ({
      id: run.id,
      automationId: run.ruleId,
      spaceId: run.spaceId,
      at: new Date(run.at).toISOString(),
      step: run.step as AutomationStep,
      result: run.result as AutomationRunResult,
      detail: run.detail,
      durationMs: run.durationMs,
    }));
  }

  async run(id: string, dryRun: boolean, principal: Principal): Promise<AutomationRunResponse> {
    const rule = await this.owned(id, principal);
    if (rule.kind === 'maintenance') throw new ApiException(400, ERROR_CODES.invalidAutomation, 'A maintenance window is not run: it holds the other rules while it lasts');
    return { dryRun, decisions: dryRun ? await this.engine.dryRun(rule) : await this.engine.runNow(rule) };
  }

  private async owned(id: string, principal: Principal): Promise<AutomationRuleRecord> {
    const rule = await this.repository.rule(id);
    // A rule outside the caller's scope is not found, so its existence tells nothing.
    if (rule === undefined || !this.inScope(rule, principal)) throw notFound();
    return rule;
  }

  /** Whether every account the rule can reach is in the caller's scope (a filter reaches every account). */
  private inScope(rule: AutomationRuleRecord, principal: Principal): boolean {
    if (principal.accounts === null) return true;
    const targets = rule.targets as AutomationTargets;
    if (targets.filter !== undefined) return false;
    const scope = principal.accounts;
    return accountsOf(targets, []).every((account) => scope.has(account));
  }

  /**
   * Targets that name something, within the caller's scope, matching at least one Space now,
   * whose accounts' tokens may do what the rule does.
   */
  private checkTargets(kind: AutomationKind, settings: AutomationSettings, targets: AutomationTargets, principal: Principal): AutomationTargets {
    const cleaned: AutomationTargets = {};
    if (targets.spaces?.length) cleaned.spaces = [...new Set(targets.spaces)];
    if (targets.accounts?.length) cleaned.accounts = [...new Set(targets.accounts)];
    if (targets.filter !== undefined && Object.values(targets.filter).some((value) => value !== undefined)) cleaned.filter = { ...targets.filter };
    if (Object.keys(cleaned).length === 0) throw new ApiException(400, ERROR_CODES.noTargetMatch, 'targets must name Spaces, accounts or a filter');
    if (principal.accounts !== null) {
      const scope = principal.accounts;
      if (cleaned.filter !== undefined) throw new ApiException(403, ERROR_CODES.outOfScope, 'A filter reaches every account: only a caller without an account scope may use one');
      const outside = accountsOf(cleaned, []).filter((account) => !scope.has(account));
      if (outside.length > 0) throw new ApiException(403, ERROR_CODES.outOfScope, `You may automate Spaces of ${[...scope].join(', ')} only, not ${outside.join(', ')}`);
    }
    const { matched, absent } = resolveTargets(cleaned, this.inventory.current.spaces);
    if (absent.length > 0) throw new ApiException(400, ERROR_CODES.noTargetMatch, `No such Space: ${absent.join(', ')}`);
    // A stage filter may match nothing now and something later; names and accounts must match now.
    const dynamic = cleaned.filter?.stageGroup !== undefined && cleaned.spaces === undefined && cleaned.accounts === undefined;
    if (matched.length === 0 && !dynamic) throw new ApiException(400, ERROR_CODES.noTargetMatch, 'The targets match no Space');
    if (actsThroughHub(kind, settings)) {
      const readOnly = [...new Set(matched.map((space) => space.owner))].filter((account) => !this.spaces.mayWrite(account));
      if (readOnly.length > 0) {
        throw new ApiException(400, ERROR_CODES.tokenCannotWrite, `The token of ${readOnly.join(', ')} may not restart, rebuild or pause Spaces: this rule could not act on them`);
      }
    }
    return cleaned;
  }

  private view(rule: AutomationRuleRecord, jobs: readonly AutomationJobRecord[]): Automation {
    const now = this.engine.now();
    const kind = rule.kind as AutomationKind;
    const settings = rule.settings as AutomationSettings;
    let upcoming: number[] = [];
    if (kind === 'schedule') upcoming = nextRuns((settings as ScheduleSettings).cron, (settings as ScheduleSettings).timezone, now, PREVIEW_RUNS);
    if (kind === 'maintenance') upcoming = windowStarts(settings as MaintenanceSettings, now, PREVIEW_RUNS);
    return {
      id: rule.id,
      name: rule.name,
      description: rule.description,
      kind,
      targets: rule.targets as AutomationTargets,
      settings,
      enabled: rule.enabled,
      owner: rule.owner,
      createdAt: new Date(rule.createdAt).toISOString(),
      updatedAt: new Date(rule.updatedAt).toISOString(),
      spaces: jobs.map((job) => ({
        spaceId: job.spaceId,
        nextRunAt: rule.enabled && !job.missing ? iso(job.nextRunAt) : null,
        lastRunAt: iso(job.lastRunAt),
        attempts: job.attempts.filter((attempt) => attempt.at > now - DAY_MS).length,
        gaveUpAt: iso(job.gaveUpAt),
        missing: job.missing,
      })),
      nextRuns: upcoming.map((time) => new Date(time).toISOString()),
      ...(kind === 'maintenance' ? { active: rule.enabled && windowStartAt(settings as MaintenanceSettings, now) !== null } : {}),
    };
  }
}
