import { HttpTestingController } from '@angular/common/http/testing';
import { Component, signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import {
  API_ROUTES,
  type AppConfigResponse,
  type MetricSample,
  type SpaceStatusEvent,
  type InventoryChangeEvent, type SpacesListResponse,
} from '@hfd/contracts';
import { Subject } from 'rxjs';
import { makeAccount, makeSpace } from '../../../../testing/fixtures';
import { provideTestDefaults } from '../../../../testing/test-providers';
import { ConfigStore } from '../../../core/config/config.store';
import { StreamService } from '../../../core/sse/stream.service';
import { STORAGE_KEYS } from '../../../core/storage/browser-storage';
import { SpacesStore } from '../data-access/spaces.store';
import { ViewPreferences } from '../data-access/view-preferences';
import { SpacesPageComponent } from './spaces-page.component';

@Component({ template: '' })
class BlankComponent {}

const CONFIG: AppConfigResponse = {
  accounts: [{ name: 'alice', hasToken: true, canWrite: true, tokenRole: 'write' }],
  showPrivate: false,
  demo: false,
  version: '1.0.0',
  refreshIntervalSeconds: 30,
  singleSignOn: false,
  storage: { kind: 'sqlite', ephemeral: false },
};

function inventory(overrides: Partial<SpacesListResponse> = {}): SpacesListResponse {
  return {
    spaces: [makeSpace('alice/one', 'RUNNING', { title: 'One' }), makeSpace('alice/two', 'SLEEPING', { title: 'Two' })],
    accounts: [makeAccount('alice')],
    fetchedAt: '2025-06-01T00:00:00.000Z',
    ageMs: 0,
    stale: false,
    refreshing: false,
    generatedAt: '2025-06-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('SpacesPageComponent', () => {
  let fixture: ComponentFixture<SpacesPageComponent>;
  let backend: HttpTestingController;

  async function render(options: {
    url?: string;
    config?: Partial<AppConfigResponse>;
    list?: SpacesListResponse | 'fail' | 'pending';
    view?: string;
  }) {
    localStorage.clear();
    if (options.view) localStorage.setItem(STORAGE_KEYS.view, options.view);
    TestBed.configureTestingModule({
      providers: [
        ...provideTestDefaults(),
        provideRouter([{ path: '', component: BlankComponent }]),
        SpacesStore,
        {
          provide: StreamService,
          useValue: {
            inventory$: new Subject<SpacesListResponse>(),
            inventoryChange$: new Subject<InventoryChangeEvent>(),
            metric$: new Subject<MetricSample>(),
            status$: new Subject<SpaceStatusEvent>(),
            connection: signal('live'),
          },
        },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    await TestBed.inject(Router).navigateByUrl(options.url ?? '/');
    TestBed.inject(ConfigStore).load();
    backend.expectOne(API_ROUTES.config).flush({ ...CONFIG, ...options.config });
    fixture = TestBed.createComponent(SpacesPageComponent);
    await fixture.whenStable();
    const list = backend.expectOne(API_ROUTES.spaces);
    if (options.list === 'pending') return fixture.nativeElement as HTMLElement;
    if (options.list === 'fail') list.flush(null, { status: 0, statusText: 'Unknown Error' });
    else list.flush(options.list ?? inventory());
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  afterEach(() => {
    backend.match(API_ROUTES.spaces);
    // Uptime and incidents are read in the background; the test of the panel answers them.
    backend.match((request) => request.url === API_ROUTES.uptime || request.url === API_ROUTES.incidents);
    backend.verify();
  });

  it('shows the incidents panel, open ones first, and a 24-hour strip with the uptime on each card', async () => {
    const element = await render({});
    const uptime = backend.expectOne((request) => request.url === API_ROUTES.uptime);
    // The strip, not the whole bar: a card shows only the slots' states.
    expect(uptime.request.params.get('bar')).toBe('strip');
    uptime.flush({
      at: '2025-06-01T00:00:00.000Z',
      spaces: [{ spaceId: 'alice/one', windows: [{ window: '24h', upMs: 3, downMs: 1, unknownMs: 0, ratio: 0.75 }], strip: { states: ['up', 'up', 'down'], upMs: 3, downMs: 1 } }],
      accounts: [],
      fleet: [],
    });
    const incident = (end: string | null) => ({ spaceId: 'alice/one', start: '2025-06-01T00:00:00.000Z', end, durationMs: 30_000, cause: 'error', stages: ['RUNTIME_ERROR'], steps: [] });
    backend.expectOne(API_ROUTES.incidents).flush({ from: '', to: '', incidents: [incident(null), incident('2025-06-01T00:00:30.000Z')] });
    await fixture.whenStable();
    const card = element.querySelector('hf-space-card[data-space-id="alice/one"]');
    const runs = Array.from(card?.querySelectorAll('[data-testid="status-strip"] [data-state]') ?? []);
    expect(runs.map((run) => [run.getAttribute('data-state'), run.getAttribute('data-slots')])).toEqual([['up', '2'], ['down', '1']]);
    expect(card?.querySelector('[data-testid="uptime-24h"]')?.textContent).toContain('75%');
    const incidents = element.querySelectorAll('[data-testid="incidents-panel"] [data-testid="incident"]');
    expect(Array.from(incidents).map((item) => item.getAttribute('data-open'))).toEqual(['true', 'false']);
  });

  it('shows counters, filters and every Space in one list, problems first', async () => {
    const element = await render({
      list: inventory({
        spaces: [makeSpace('alice/one', 'RUNNING'), makeSpace('bob/two', 'RUNTIME_ERROR')],
        accounts: [makeAccount('alice'), makeAccount('bob')],
      }),
    });
    expect(element.querySelector('hf-overview-counters')).not.toBeNull();
    expect(element.querySelector('hf-filter-bar')).not.toBeNull();
    expect(element.querySelectorAll('hf-account-group')).toHaveLength(0);
    expect(Array.from(element.querySelectorAll('hf-space-card')).map((card) => card.getAttribute('data-space-id'))).toEqual([
      'bob/two',
      'alice/one',
    ]);
  });

  it('groups by account when this browser chose it', async () => {
    const element = await render({ view: 'cards-by-account' });
    expect(element.querySelectorAll('hf-account-group')).toHaveLength(1);
    expect(element.querySelectorAll('hf-account-group hf-space-card')).toHaveLength(2);
  });

  it('shows the compact list when this browser chose it, and remembers a change', async () => {
    const element = await render({ view: 'list' });
    expect(element.querySelectorAll('tr[data-testid="space-row"]')).toHaveLength(2);
    expect(element.querySelectorAll('hf-space-card')).toHaveLength(0);
    TestBed.inject(ViewPreferences).setMode('cards');
    await fixture.whenStable();
    expect(element.querySelectorAll('hf-space-card')).toHaveLength(2);
    expect(localStorage.getItem(STORAGE_KEYS.view)).toBe('cards');
  });

  it('shows the shape of the page while the inventory is on its way', async () => {
    const element = await render({ list: 'pending' });
    expect(element.querySelector('[data-testid="skeletons"]')?.getAttribute('aria-hidden')).toBe('true');
    expect(element.querySelectorAll('[data-testid="skeletons"] .card')).toHaveLength(6);
    expect(element.querySelector('.loading[role="status"]')?.textContent?.trim()).toBe('Loading Spaces…');
  });

  it("lists what to know about the accounts above one list of all of them", async () => {
    const error = { kind: 'token_invalid' as const, message: 'no', at: '2025-06-01T00:00:00Z' };
    const element = await render({ list: inventory({ accounts: [makeAccount('alice'), makeAccount('mallory', { error })] }) });
    const notices = element.querySelectorAll('hf-account-notices li');
    expect(notices).toHaveLength(1);
    expect(notices[0].textContent).toContain('mallory');
    expect(notices[0].querySelector('[data-testid="account-error-help"]')?.textContent).toContain('Check the token in HF_USER');
  });

  it('speaks only of the account a filter shows', async () => {
    const error = { kind: 'token_invalid' as const, message: 'no', at: '2025-06-01T00:00:00Z' };
    const element = await render({
      url: '/?account=alice',
      list: inventory({ accounts: [makeAccount('alice'), makeAccount('mallory', { error })] }),
    });
    expect(element.querySelectorAll('hf-account-notices li')).toHaveLength(0);
  });

  it('shows the demo banner in demo mode, with how to set HF_USER', async () => {
    const element = await render({ config: { demo: true } });
    const banner = element.querySelector('hf-notice-banner');
    expect(banner?.textContent).toContain('Demo data.');
    expect(banner?.textContent).toContain('HF_USER=');
  });

  it('explains the configuration when no account is set', async () => {
    const element = await render({ list: inventory({ spaces: [], accounts: [] }) });
    expect(element.querySelector('hf-empty-state h2')?.textContent).toBe('No accounts configured');
    expect(element.querySelector('hf-empty-state')?.textContent).toContain('HF_USER=');
    expect(element.querySelector('hf-overview-counters')).toBeNull();
  });

  it('says there are no Spaces, and that logging in may show private ones', async () => {
    const element = await render({ list: inventory({ spaces: [] }) });
    expect(element.querySelector('hf-empty-state h2')?.textContent).toBe('No Spaces to show');
    expect(element.querySelector('hf-empty-state')?.textContent).toContain('Private Spaces appear after you log in.');
  });

  it('says it is loading, not that there are no Spaces, while the server is on its first read of the Hub', async () => {
    const element = await render({ list: inventory({ spaces: [], fetchedAt: null, refreshing: true }) });
    expect(element.querySelector('.loading[role="status"]')?.textContent?.trim()).toBe('Loading Spaces…');
    expect(element.querySelector('[data-testid="skeletons"]')).not.toBeNull();
    expect(element.querySelector('hf-empty-state')).toBeNull();
  });

  it('says nothing matches, and offers to clear the filters', async () => {
    const element = await render({ url: '/?q=nothing-like-this' });
    expect(element.querySelector('hf-empty-state h2')?.textContent).toBe('No Space matches');
    const clear = element.querySelector('hf-empty-state button') as HTMLButtonElement;
    expect(clear.textContent?.trim()).toBe('Clear filters');
    clear.click();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/');
    expect(element.querySelectorAll('hf-space-card')).toHaveLength(2);
  });

  it('announces how many Spaces match a filter', async () => {
    const element = await render({ url: '/?status=running' });
    expect(element.querySelector('[aria-live="polite"].visually-hidden')?.textContent?.trim()).toBe('Matching Spaces: 1');
  });

  it('filters from a counter click, through the URL', async () => {
    const element = await render({});
    (element.querySelectorAll<HTMLButtonElement>('hf-overview-counters button')[1]).click();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/?status=running');
    expect(element.querySelectorAll('hf-space-card')).toHaveLength(1);
  });

  it('says when the Hub cannot be reached', async () => {
    const error = { kind: 'hub_unreachable' as const, message: 'down', at: '2025-06-01T00:00:00Z' };
    const element = await render({ list: inventory({ accounts: [makeAccount('alice', { error })] }) });
    expect(element.querySelector('hf-notice-banner[data-tone="error"]')?.textContent).toContain(
      'The Hugging Face Hub cannot be reached.',
    );
  });

  it('says when the dashboard server cannot be reached, and retries on demand', async () => {
    const element = await render({ list: 'fail' });
    expect(element.querySelector('hf-empty-state h2')?.textContent).toBe('The dashboard server cannot be reached');
    (element.querySelector('hf-empty-state button') as HTMLButtonElement).click();
    backend.expectOne(API_ROUTES.spaces).flush(inventory());
    await fixture.whenStable();
    expect(element.querySelectorAll('hf-space-card')).toHaveLength(2);
  });
});
