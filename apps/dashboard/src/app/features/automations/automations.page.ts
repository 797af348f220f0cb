import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { HttpErrorResponse } from '@angular/common/http';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { AUTOMATION_KINDS, MISSED_RUN_POLICIES, SCHEDULE_ACTIONS, type Automation, type AutomationDecision, type AutomationKind, type AutomationRun } from '@hfd/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { filter, startWith, switchMap } from 'rxjs';
import { toApiFailure } from '../../core/api/api-failure';
import { SessionStore } from '../../core/auth/session.store';
import { ConfigStore } from '../../core/config/config.store';
import { LanguageService } from '../../core/i18n/language.service';
import { Notifier } from '../../core/notify/notifier.service';
import { NotAllowedComponent, PeopleConfirmComponent, type ConfirmData } from '../people/people-ui';
import { WhenPipe } from '../people/when.pipe';
import { SpacesApiService } from '../spaces/data-access/spaces-api.service';
import { AutomationsApiService } from './automations-api.service';
import { createRequest, emptyForm, formOf, gaveUpOn, lastRunOf, nextRunOf, previewRuns, updateRequest, type AutomationFormValue } from './automation-form';

/** A translated headline for a refused rule, and the server's own reason beside it. */
function errorOf(error: unknown): { key: string; detail: string | null } {
  const failure = toApiFailure(error);
  if (failure.status === 0) return { key: 'errors.network', detail: null };
  const detail = error instanceof HttpErrorResponse && typeof error.error?.error === 'string' ? (error.error.error as string) : null;
  return { key: failure.code === null ? 'automations.errors.unexpected' : `automations.errors.${failure.code}`, detail };
}

const LIST_REFRESH_MS = 15_000;

type Panel = { kind: 'runs'; rule: Automation; runs: AutomationRun[] } | { kind: 'decisions'; rule: Automation; dryRun: boolean; decisions: AutomationDecision[] };

@Component({
  selector: 'hf-automations-page',
  imports: [WhenPipe, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatSlideToggleModule, ReactiveFormsModule, TranslocoPipe, NotAllowedComponent],
  templateUrl: './automations.page.html',
  styleUrls: ['../people/people-page.scss', './automations.page.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AutomationsPageComponent {
  protected readonly lang = inject(LanguageService).lang;
  protected readonly session = inject(SessionStore);
  private readonly api = inject(AutomationsApiService);
  private readonly spacesApi = inject(SpacesApiService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly config = inject(ConfigStore);
  protected readonly kinds = AUTOMATION_KINDS;
  protected readonly actions = SCHEDULE_ACTIONS;
  protected readonly missedPolicies = MISSED_RUN_POLICIES;
  protected readonly accounts = computed(() => (this.config.config()?.accounts ?? []).map((account) => account.name));
  protected readonly spaceIds = signal<string[]>([]);
  protected readonly rules = signal<Automation[]>([]);
  protected readonly editing = signal<Automation | null>(null);
  protected readonly busy = signal(false);
  protected readonly formError = signal<{ key: string; detail: string | null } | null>(null);
  protected readonly listError = signal<string | null>(null);
  protected readonly panel = signal<Panel | null>(null);
  protected readonly nextRunOf = nextRunOf;
  protected readonly lastRunOf = lastRunOf;
  protected readonly gaveUpOn = gaveUpOn;

  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    description: new FormControl('', { nonNullable: true }),
    kind: new FormControl<AutomationKind>('keep-alive', { nonNullable: true }),
    spaces: new FormControl<string[]>([], { nonNullable: true }),
    accounts: new FormControl<string[]>([], { nonNullable: true }),
    intervalSeconds: new FormControl('', { nonNullable: true }),
    cron: new FormControl(emptyForm().cron, { nonNullable: true }),
    timezone: new FormControl(emptyForm().timezone, { nonNullable: true }),
    action: new FormControl('restart', { nonNullable: true }),
    missedRuns: new FormControl('skip', { nonNullable: true }),
    graceSeconds: new FormControl('120', { nonNullable: true }),
    maxAttemptsPerDay: new FormControl('3', { nonNullable: true }),
    stuckMinutes: new FormControl('', { nonNullable: true }),
    path: new FormControl('/', { nonNullable: true }),
    expectStatus: new FormControl('200', { nonNullable: true }),
    keyword: new FormControl('', { nonNullable: true }),
    timeoutSeconds: new FormControl('', { nonNullable: true }),
    start: new FormControl('', { nonNullable: true }),
    durationMinutes: new FormControl('60', { nonNullable: true }),
    recurring: new FormControl(false, { nonNullable: true }),
  });
  protected readonly value = toSignal(this.form.valueChanges.pipe(startWith(this.form.getRawValue())), { initialValue: this.form.getRawValue() });
  protected readonly kind = computed(() => this.value().kind ?? 'keep-alive');
  /** The next five runs as people type a cron expression. */
  protected readonly preview = computed(() => {
    const value = this.value();
    const usesCron = value.kind === 'schedule' || (value.kind === 'maintenance' && value.recurring);
    return usesCron ? previewRuns(value.cron ?? '', value.timezone ?? '').map((date) => date.toISOString()) : [];
  });

  constructor() {
    // Next and last runs move as the engine works: read again every 15 s while the page is open.
    const timer = setInterval(() => {
      if (this.session.loggedIn()) this.load();
    }, LIST_REFRESH_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
    effect(() => {
      if (this.session.loggedIn()) {
        this.load();
        this.spacesApi.list().subscribe({ next: (list) => this.spaceIds.set(list.spaces.map((space) => space.id).sort()), error: () => this.spaceIds.set([]) });
      }
    });
  }

  protected kindKey(kind: string): string {
    return `automations.kinds.${kind}`;
  }

  protected targetsText(rule: Automation): string {
    const parts = [...(rule.targets.spaces ?? []), ...(rule.targets.accounts ?? []).map((account) => `${account}/*`)];
    if (rule.targets.filter?.namePattern) parts.push(rule.targets.filter.namePattern);
    return parts.join(', ');
  }

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue() as AutomationFormValue;
    const editing = this.editing();
    this.busy.set(true);
    this.formError.set(null);
    const request = editing === null ? this.api.create(createRequest(value)) : this.api.update(editing.id, updateRequest(value, editing.targets.filter));
    request.subscribe({
      next: (rule) => {
        this.busy.set(false);
        this.notifier.info(editing === null ? 'automations.created' : 'automations.saved', { name: rule.name });
        this.cancelEdit();
        this.load();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.formError.set(errorOf(error));
      },
    });
  }

  protected edit(rule: Automation): void {
    this.editing.set(rule);
    this.formError.set(null);
    this.form.reset(formOf(rule));
    this.form.controls.kind.disable();
    document.getElementById('automation-form')?.scrollIntoView({ block: 'start' });
    document.getElementById('automation-name')?.focus();
  }

  protected cancelEdit(): void {
    this.editing.set(null);
    this.form.controls.kind.enable();
    this.form.reset(emptyForm());
  }

  protected toggle(rule: Automation, enabled: boolean): void {
    this.api.update(rule.id, { enabled }).subscribe({ next: () => this.load(), error: (error: unknown) => this.listError.set(errorOf(error).key) });
  }

  protected run(rule: Automation, dryRun: boolean): void {
    this.api.run(rule.id, dryRun).subscribe({
      next: (answer) => {
        this.panel.set({ kind: 'decisions', rule, dryRun, decisions: answer.decisions });
        if (!dryRun) this.load();
      },
      error: (error: unknown) => this.listError.set(errorOf(error).key),
    });
  }

  protected showRuns(rule: Automation): void {
    this.load();
    this.api.runs(rule.id).subscribe({
      next: (answer) => this.panel.set({ kind: 'runs', rule, runs: answer.runs }),
      error: (error: unknown) => this.listError.set(errorOf(error).key),
    });
  }

  protected remove(rule: Automation): void {
    const data: ConfirmData = { title: 'automations.deleteTitle', message: 'automations.deleteMessage', confirm: 'people.delete', params: { name: rule.name } };
    this.dialog
      .open<PeopleConfirmComponent, ConfirmData, boolean>(PeopleConfirmComponent, { data })
      .afterClosed()
      .pipe(
        filter((yes) => yes === true),
        switchMap(() => this.api.remove(rule.id)),
      )
      .subscribe({
        next: () => {
          this.notifier.info('automations.deleted', { name: rule.name });
          if (this.panel()?.rule.id === rule.id) this.panel.set(null);
          this.load();
        },
        error: (error: unknown) => this.listError.set(errorOf(error).key),
      });
  }

  private load(): void {
    this.api.list().subscribe({
      next: (answer) => {
        this.rules.set(answer.automations);
        this.listError.set(null);
      },
      error: (error: unknown) => this.listError.set(errorOf(error).key),
    });
  }
}
