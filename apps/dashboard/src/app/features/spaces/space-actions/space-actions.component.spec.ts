import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { AccountPublicInfo, AccountStatus, SpaceSummary } from '@hfd/contracts';
import { of } from 'rxjs';
import { makeAccount, makeSpace } from '../../../../testing/fixtures';
import { provideTestDefaults } from '../../../../testing/test-providers';
import { ConfigStore } from '../../../core/config/config.store';
import { LayoutService } from '../../../core/layout/layout.service';
import { STORAGE_KEYS } from '../../../core/storage/browser-storage';
import { SpacesStore } from '../data-access/spaces.store';
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
    options: { loggedIn: boolean; compact?: boolean; config?: Record<string, AccountPublicInfo> },
  ): Promise<HTMLElement> {
    localStorage.clear();
    if (options.loggedIn) {
      localStorage.setItem(STORAGE_KEYS.session, JSON.stringify({ token: 't', username: 'admin', expiresAt: Date.now() + 60_000 }));
    }
    runAction = jest.fn(() => of(true));
    const config = options.config ?? ACCOUNTS;
    TestBed.configureTestingModule({
      providers: [
        ...provideTestDefaults(),
        { provide: SpacesStore, useValue: { runAction, accountStatus: (name: string) => inventoryAccounts()[name] ?? null } },
        { provide: ConfigStore, useValue: { account: (name: string) => config[name] ?? null } },
        { provide: LayoutService, useValue: { compact: signal(options.compact ?? false) } },
      ],
    });
    fixture = TestBed.createComponent(SpaceActionsComponent);
    fixture.componentRef.setInput('space', space);
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
    expect(element.querySelector('[role="group"]')?.getAttribute('aria-label')).toBe('Actions for chat');
  });

  it('offers resume instead of restart and pause for a paused Space', async () => {
    const element = await render(makeSpace('alice/chat', 'PAUSED'), { loggedIn: true });
    expect(buttons(element).map((button) => button.textContent?.trim())).toEqual(['Resume', 'Rebuild']);
  });

  it('disables the actions, with the reason, when the token cannot write', async () => {
    const element = await render(makeSpace('bob/keepalive'), { loggedIn: true });
    const reason = element.querySelector('.reason');
    expect(reason?.textContent?.trim()).toBe('The token of bob cannot write: actions are off.');
    for (const button of buttons(element)) {
      expect(button.getAttribute('aria-disabled')).toBe('true');
      expect(button.getAttribute('aria-describedby')).toBe(reason?.id);
    }
  });

  it('says so when the account has no token at all', async () => {
    const element = await render(makeSpace('carol/notes'), { loggedIn: true });
    expect(element.querySelector('.reason')?.textContent?.trim()).toBe('No token for carol: actions are off.');
  });

  it('does nothing when a disabled action is clicked', async () => {
    const element = await render(makeSpace('bob/keepalive'), { loggedIn: true });
    buttons(element)[0].click();
    await fixture.whenStable();
    expect(document.querySelector('mat-dialog-container')).toBeNull();
  });

  it('puts the actions in a menu on a phone', async () => {
    const element = await render(makeSpace('alice/chat'), { loggedIn: true, compact: true });
    const trigger = buttons(element);
    expect(trigger).toHaveLength(1);
    expect(trigger[0].getAttribute('aria-label')).toBe('Actions for chat');
    trigger[0].click();
    await fixture.whenStable();
    const items = Array.from(document.querySelectorAll('.mat-mdc-menu-panel [mat-menu-item]')).map((item) => item.textContent?.trim());
    expect(items).toEqual(['Restart', 'Rebuild', 'Pause']);
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
      expect(element.querySelector('.reason')?.textContent?.trim()).toBe('The token of alice cannot write: actions are off.');
      expect(buttons(element).every((button) => button.getAttribute('aria-disabled') === 'true')).toBe(true);

      inventoryAccounts.set({ alice: makeAccount('alice', { canWrite: true }) });
      await fixture.whenStable();
      expect(element.querySelector('.reason')).toBeNull();
      expect(buttons(element).every((button) => !button.disabled && button.getAttribute('aria-disabled') !== 'true')).toBe(true);
    });

    it('turns the actions off when the inventory says the token cannot write, whatever /config said', async () => {
      inventoryAccounts.set({ alice: makeAccount('alice', { canWrite: false }) });
      const element = await render(makeSpace('alice/chat'), { loggedIn: true });
      expect(element.querySelector('.reason')?.textContent?.trim()).toBe('The token of alice cannot write: actions are off.');
      buttons(element)[0].click();
      await fixture.whenStable();
      expect(document.querySelector('mat-dialog-container')).toBeNull();
    });
  });
});
