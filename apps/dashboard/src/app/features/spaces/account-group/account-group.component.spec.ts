import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { AccountPublicInfo } from '@hfd/contracts';
import { makeAccount, makeSpace } from '../../../../testing/fixtures';
import { provideTestDefaults } from '../../../../testing/test-providers';
import { ConfigStore } from '../../../core/config/config.store';
import { STORAGE_KEYS } from '../../../core/storage/browser-storage';
import { DEFAULT_SORT } from '../data-access/space-filters';
import type { AccountGroup } from '../data-access/space-view';
import { SpacesStore } from '../data-access/spaces.store';
import { AccountGroupComponent } from './account-group.component';

describe('AccountGroupComponent', () => {
  let fixture: ComponentFixture<AccountGroupComponent>;

  async function render(
    group: AccountGroup,
    account: AccountPublicInfo | null = null,
    forceExpanded = false,
    options: { loggedIn?: boolean; layout?: 'cards' | 'list' } = {},
  ) {
    localStorage.clear();
    if (options.loggedIn) {
      localStorage.setItem(STORAGE_KEYS.session, JSON.stringify({ token: 't', username: 'admin', expiresAt: Date.now() + 60_000, role: 'admin', accounts: null }));
    }
    TestBed.configureTestingModule({
      providers: [
        ...provideTestDefaults(),
        { provide: ConfigStore, useValue: { account: () => account } },
        { provide: SpacesStore, useValue: { metric: () => signal(null), runAction: jest.fn(), accountStatus: () => null, uptime: () => null } },
      ],
    });
    fixture = TestBed.createComponent(AccountGroupComponent);
    fixture.componentRef.setInput('group', group);
    fixture.componentRef.setInput('forceExpanded', forceExpanded);
    fixture.componentRef.setInput('sort', DEFAULT_SORT);
    fixture.componentRef.setInput('layout', options.layout ?? 'cards');
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const group = (overrides: Partial<AccountGroup> = {}): AccountGroup => ({
    name: 'alice',
    spaces: [makeSpace('alice/one'), makeSpace('alice/two')],
    total: 2,
    status: makeAccount('alice'),
    ...overrides,
  });

  it('shows the account with its count and its Spaces', async () => {
    const element = await render(group());
    expect(element.querySelector('.name')?.textContent).toBe('alice');
    expect(element.querySelector('.count')?.textContent?.trim()).toBe('Spaces: 2');
    expect(element.querySelectorAll('hf-space-card')).toHaveLength(2);
  });

  it('says how many of how many are shown when filtered', async () => {
    const element = await render(group({ spaces: [makeSpace('alice/one')], total: 5 }), null, true);
    expect(element.querySelector('.count')?.textContent?.trim()).toBe('1 of 5 shown');
  });

  it('collapses and expands from the keyboard-reachable header button', async () => {
    const element = await render(group());
    const toggle = element.querySelector('button.toggle') as HTMLButtonElement;
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.getAttribute('aria-controls')).toBe(element.querySelector('.body')?.id);

    toggle.click();
    await fixture.whenStable();
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(element.querySelectorAll('hf-space-card')).toHaveLength(0);

    toggle.click();
    await fixture.whenStable();
    expect(element.querySelectorAll('hf-space-card')).toHaveLength(2);
  });

  it('stays open while filters are active', async () => {
    const element = await render(group(), null, true);
    (element.querySelector('button.toggle') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(element.querySelectorAll('hf-space-card')).toHaveLength(2);
  });

  it("shows the account's error and what it means", async () => {
    const error = { kind: 'token_invalid' as const, message: 'Unauthorized', at: '2025-06-01T00:00:00Z' };
    const element = await render(group({ spaces: [], total: 0, status: makeAccount('alice', { error, fetchedAt: null }) }));
    expect(element.querySelector('.badge.error')?.textContent?.trim()).toBe('Token invalid');
    expect(element.querySelector('.empty')?.textContent).toContain('Check the token in HF_USER');
  });

  it('shows an unreachable Hub, with the time of the last good read', async () => {
    const error = { kind: 'hub_unreachable' as const, message: 'ECONNREFUSED', at: '2025-06-01T00:00:00Z' };
    const element = await render(group({ status: makeAccount('alice', { error }) }));
    const badge = element.querySelector('.badge.error');
    expect(badge?.textContent).toContain('Hub unreachable');
    expect(badge?.querySelector('hf-relative-time time')?.getAttribute('datetime')).toBe('2025-06-01T00:00:00.000Z');
    expect(element.querySelectorAll('hf-space-card')).toHaveLength(2);
  });

  it('marks an account whose token cannot write, once for all its Spaces, to someone logged in', async () => {
    // The inventory's canWrite is the live one (see accountAccess): both say read-only here.
    const readOnly = { name: 'alice', hasToken: true, canWrite: false, tokenRole: 'read' } as const;
    const element = await render(group({ status: makeAccount('alice', { canWrite: false }) }), readOnly, false, { loggedIn: true });
    expect(element.querySelector('.badge')?.textContent?.trim()).toBe('Read-only token');
    // The cards say nothing more: no "read-only" on each one, no disabled buttons.
    expect(element.querySelectorAll('hf-space-card [data-testid="actions-blocked"], hf-space-card [data-action]')).toHaveLength(0);
  });

  it('does not bother a visitor, who can take no action anyway, with the token', async () => {
    const readOnly = { name: 'alice', hasToken: true, canWrite: false, tokenRole: 'read' } as const;
    const element = await render(group({ status: makeAccount('alice', { canWrite: false }) }), readOnly);
    expect(element.querySelector('.badge')).toBeNull();
  });

  it('lists its Spaces as table rows in the list view', async () => {
    const element = await render(group(), null, false, { layout: 'list' });
    expect(element.querySelectorAll('hf-space-card')).toHaveLength(0);
    expect(element.querySelector('table caption')?.textContent).toBe('Spaces of alice');
    expect(element.querySelectorAll('tbody tr[data-testid="space-row"]')).toHaveLength(2);
  });

  it('drops the read-only badge once the inventory learns that the token can write', async () => {
    const element = await render(
      group({ status: makeAccount('alice', { canWrite: true }) }),
      { name: 'alice', hasToken: true, canWrite: false, tokenRole: null },
      false,
      { loggedIn: true },
    );
    expect(element.querySelector('.badge')).toBeNull();
  });
});
