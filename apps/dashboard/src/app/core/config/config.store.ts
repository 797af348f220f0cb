import { Injectable, computed, inject, signal } from '@angular/core';
import type { AccountPublicInfo, AppConfigResponse } from '@hfd/contracts';
import { toApiFailure, type ApiFailure } from '../api/api-failure';
import { ConfigApiService } from './config-api.service';

/** The server's public configuration: accounts and what their tokens allow, demo mode, version. */
@Injectable({ providedIn: 'root' })
export class ConfigStore {
  private readonly api = inject(ConfigApiService);
  private readonly state = signal<AppConfigResponse | null>(null);
  private readonly failure = signal<ApiFailure | null>(null);

  readonly config = this.state.asReadonly();
  readonly error = this.failure.asReadonly();
  readonly demo = computed(() => this.state()?.demo ?? false);
  readonly version = computed(() => this.state()?.version ?? null);
  private readonly accountsByName = computed(
    () => new Map((this.state()?.accounts ?? []).map((account) => [account.name, account])),
  );

  load(): void {
    this.api.get().subscribe({
      next: (config) => {
        this.state.set(config);
        this.failure.set(null);
      },
      error: (error: unknown) => this.failure.set(toApiFailure(error)),
    });
  }

  account(name: string): AccountPublicInfo | null {
    return this.accountsByName().get(name) ?? null;
  }
}
