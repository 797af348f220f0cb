import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { AccountPublicInfo, AccountStatus, SpaceSummary } from '@hfd/contracts';
import { of } from 'rxjs';
import { makeAccount, makeSpace } from '../../../../testing/fixtures';
import { provideTestDefaults } from '../../../../testing/test-providers';
import { ConfigStore } from '../../../core/config/config.store';
import { STORAGE_KEYS } from '../../../core/storage/browser-storage';
import { SpacesStore } from '../data-access/spaces.store';
import { ACCOUNT_STATUS_SHOWN } from '../data-access/account-access';
import { SpaceActionsComponent } from './space-actions.component';

const ACCOUNTS: Record<string, AccountPublicInfo> = {
  alice: { name: 'alice', hasToken: true, canWrite: true, tokenRole: 'write' },
  bob: { name: 'bob', hasToken: true, canWrite: false, tokenRole: 'read' },
  carol: { name: 'carol', hasToken: false, canWrite: false, tokenRole: null },
};

describe('SpaceActionsComponent', () => {
  let fixture: ComponentFixture<SpaceActionsComponent>;
  let runAction: jest.Mock;
  /** The accounts of the latest inventory; empty means no inventory has arrived yet. */
  const inventoryAccounts = signal<Record<string, AccountStatus>>({});

  async function render(
    space: SpaceSummary,
    options: {
      loggedIn: boolean;
      role?: 'viewer' | 'operator' | 'admin';
      presentation?: 'inline' | 'menu';
      withLinks?: boolean;
      byAccount?: boolean;
      config?: Record<string, AccountPublicInfo>;
    },
  ): Promise<HTMLElement> {
    localStorage.clear();
    if (options.loggedIn) {
      localStorage.setItem(STORAGE_KEYS.session, JSON.stringify({ token: 't', username: 'admin', expiresAt: Date.now() + 60_000, role: options.role ?? 'operator', accounts: null }));
    }
    runAction = jest.fn(() => of(true));
    const config = options.config ?? ACCOUNTS;
    TestBed.configureTestingModule({
      providers: [
        ...provideTestDefaults(),
        { provide: SpacesStore, useValue: { runAction, accountStatus: (name: string) => inventoryAccounts()[name] ?? null } },
        { provide: ConfigStore, useValue: { account: (name: string) => config[name] ?? null } },
        { provide: ACCOUNT_STATUS_SHOWN, useValue: options.byAccount ?? false },
      ],
    });
    fixture = TestBed.createComponent(SpaceActionsComponent);
    fixture.componentRef.setInput('space', space);
    fixture.componentRef.setInput('presentation', options.presentation ?? 'inline');
    fixture.componentRef.setInput('withLinks', options.withLinks ?? false);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  beforeEach(() => inventoryAccounts.set({}));

  function buttons(element: HTMLElement): HTMLButtonElement[] {
    return Array.from(element.querySelectorAll<HTMLButtonElement>('button'));
  }

  it('shows nothing to a visitor who is not logged in', async () => {
    const element = await render(makeSpace('alice/chat'), { loggedIn: false });
    expect(buttons(element)).toHaveLength(0);
  });

  it('offers restart, rebuild and pause to a logged-in operator', async () => {
    const element = await render(makeSpace('alice/chat'), { loggedIn: true });
    expect(buttons(element).map((button) => button.textContent?.trim())).toEqual(['Restart', 'Rebuild', 'Pause']);
    expect(buttons(element).every((button) => !button.disabled && button.getAttribute('aria-disabled') !== 'true')).toBe(true);
  });

  it('offers resume instead of restart and pause for a paused Space', async () => {
    const element = await render(makeSpace('alice/chat', 'PAUSED'), { loggedIn: true });
    expect(buttons(element).map((button) => button.textContent?.trim())).toEqual(['Resume', 'Rebuild']);
  });

  it('offers a viewer nothing to press, not even a token note: their role cannot act', async () => {
    const element = await render(makeSpace('bob/keepalive'), { loggedIn: true, role: 'viewer' });
    expect(buttons(element)).toHaveLength(0);
    expect(element.querySelector('[data-testid="actions-blocked"]')).toBeNull();
  });

  it('keeps the actions of an operator', async () => {
    const element = await render(makeSpace('alice/chat', 'PAUSED'), { loggedIn: true, role: 'operator' });
    expect(buttons(element).map((button) => button.textContent?.trim())).toEqual(['Resume', 'Rebuild']);
  });

  it('offers no disabled buttons when the token cannot write: one short note, the reason said to screen readers', async () => {
    const element = await render(makeSpace('bob/keepalive'), { loggedIn: true });
    expect(buttons(element)).toHaveLength(0);
    const note = element.querySelector('[data-testid="actions-blocked"]');
    expect(note?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Read-only: The token of bob cannot write: actions are off.');
    expect(note?.querySelector('.visually-hidden')?.textContent).toContain('The token of bob cannot write');
  });

  it('says nothing on the card when the account group already says the token is read-only', async () => {
    const element = await render(makeSpace('carol/notes'), { loggedIn: true, byAccount: true });
    expect(buttons(element)).toHaveLength(0);
    expect(element.textContent?.trim()).toBe('');
  });

  it("keeps a static Space's actions in view, disabled, with the Hub's reason", async () => {
    const element = await render(makeSpace('alice/site', 'RUNNING', { sdk: 'static' }), { loggedIn: true });
    const reason = element.querySelector('[data-testid="actions-blocked"]');
    expect(reason?.textContent?.trim()).toBe('Static Spaces are always running and never billed: restart, rebuild and pause do not apply.');
    expect(buttons(element).map((button) => button.textContent?.trim())).toEqual(['Restart', 'Rebuild', 'Pause']);
    for (const button of buttons(element)) {
      // Still focusable, so the reason is read where the button is.
      expect(button.disabled).toBe(false);
      expect(button.getAttribute('aria-disabled')).toBe('true');
      expect(button.getAttribute('aria-describedby')).toBe(reason?.id);
    }
    buttons(element)[0].click();
    await fixture.whenStable();
    expect(document.querySelector('mat-dialog-container')).toBeNull();
  });

  it('puts the actions in a menu on a phone', async () => {
    const element = await render(makeSpace('alice/chat'), { loggedIn: true, presentation: 'menu' });
    const trigger = buttons(element);
    expect(trigger).toHaveLength(1);
    expect(trigger[0].getAttribute('aria-label')).toBe('Actions for chat');
    trigger[0].click();
    await fixture.whenStable();
    const items = Array.from(document.querySelectorAll('.mat-mdc-menu-panel [mat-menu-item]')).map((item) => item.textContent?.trim());
    expect(items).toEqual(['Restart', 'Rebuild', 'Pause']);
  });

  it("holds a list row's links too, and says there why a read-only account's Spaces take no actions", async () => {
    const element = await render(makeSpace('bob/keepalive'), { loggedIn: true, presentation: 'menu', withLinks: true });
    buttons(element)[0].click();
    await fixture.whenStable();
    const panel = document.querySelector('.mat-mdc-menu-panel') as HTMLElement;
    expect(Array.from(panel.querySelectorAll('[mat-menu-item]')).map((item) => item.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Open app (opens in a new tab)',
      'Hub page (opens in a new tab)',
    ]);
    expect(panel.querySelector('[data-testid="actions-blocked"]')?.textContent?.trim()).toBe('The token of bob cannot write: actions are off.');
  });

  it('offers a visitor the links of a list row, and no actions', async () => {
    const element = await render(makeSpace('alice/chat'), { loggedIn: false, presentation: 'menu', withLinks: true });
    buttons(element)[0].click();
    await fixture.whenStable();
    expect(document.querySelectorAll('.mat-mdc-menu-panel [mat-menu-item]')).toHaveLength(2);
    expect(document.querySelector('.mat-mdc-menu-panel [data-action]')).toBeNull();
  });

  it('asks for confirmation naming the Space, then runs the action', async () => {
    const space = makeSpace('alice/chat', 'RUNNING', { title: 'Chat Bot' });
    const element = await render(space, { loggedIn: true });
    buttons(element)[1].click();
    await fixture.whenStable();

    const dialog = document.querySelector('mat-dialog-container') as HTMLElement;
    expect(dialog.textContent).toContain('Factory rebuild this Space?');
    expect(dialog.textContent).toContain('Chat Bot');
    expect(dialog.textContent).toContain('alice/chat');
    expect(runAction).not.toHaveBeenCalled();

    const confirm = Array.from(dialog.querySelectorAll('button')).find((button) => button.textContent?.trim() === 'Rebuild');
    confirm?.click();
    await fixture.whenStable();
    expect(runAction).toHaveBeenCalledWith(space, 'rebuild');
  });

  it('runs nothing when the confirmation is cancelled', async () => {
    const element = await render(makeSpace('alice/chat'), { loggedIn: true });
    buttons(element)[0].click();
    await fixture.whenStable();
    const dialog = document.querySelector('mat-dialog-container') as HTMLElement;
    Array.from(dialog.querySelectorAll('button'))
      .find((button) => button.textContent?.trim() === 'Cancel')
      ?.click();
    await fixture.whenStable();
    expect(runAction).not.toHaveBeenCalled();
  });

  describe("the inventory's canWrite is the live one", () => {
    it('turns the actions on when the inventory learns that the token can write', async () => {
      // The Hub was down when the server started: /config could not learn the token's role.
      const config = { alice: { name: 'alice', hasToken: true, canWrite: false, tokenRole: null } };
      const element = await render(makeSpace('alice/chat'), { loggedIn: true, config });
      expect(buttons(element)).toHaveLength(0);
      expect(element.querySelector('[data-testid="actions-blocked"]')).not.toBeNull();

      inventoryAccounts.set({ alice: makeAccount('alice', { canWrite: true }) });
      await fixture.whenStable();
      expect(element.querySelector('[data-testid="actions-blocked"]')).toBeNull();
      expect(buttons(element).map((button) => button.getAttribute('data-action'))).toEqual(['restart', 'rebuild', 'pause']);
    });

    it('turns the actions off when the inventory says the token cannot write, whatever /config said', async () => {
      inventoryAccounts.set({ alice: makeAccount('alice', { canWrite: false }) });
      const element = await render(makeSpace('alice/chat'), { loggedIn: true });
      expect(buttons(element)).toHaveLength(0);
      expect(element.querySelector('[data-testid="actions-blocked"]')?.getAttribute('data-reason')).toBe('actions.blocked.readOnlyToken');
    });
  });
});
