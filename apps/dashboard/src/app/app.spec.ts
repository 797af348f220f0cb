import { HttpTestingController } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideTestDefaults } from '../testing/test-providers';
import { App } from './app';
import { LayoutService } from './core/layout/layout.service';
import { STORAGE_KEYS } from './core/storage/browser-storage';

describe('App shell', () => {
  let fixture: ComponentFixture<App>;

  async function render(options: { compact?: boolean } = {}): Promise<HTMLElement> {
    TestBed.configureTestingModule({
      providers: [...provideTestDefaults('en'), { provide: LayoutService, useValue: { compact: signal(options.compact ?? false) } }],
    });
    fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  function menuItem(label: string): HTMLElement {
    const items = Array.from(document.querySelectorAll<HTMLElement>('.mat-mdc-menu-panel [mat-menu-item]'));
    const item = items.find((candidate) => candidate.textContent?.includes(label));
    if (!item) throw new Error(`No menu item "${label}" among ${items.map((i) => i.textContent).join(', ')}`);
    return item;
  }

  beforeEach(() => {
    localStorage.clear();
    document.documentElement.style.colorScheme = '';
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows the product name, the connection state and a login button', async () => {
    const element = await render();
    expect(element.querySelector('h1')?.textContent).toBe('HF Spaces Dashboard');
    expect(element.querySelector('hf-connection-status')?.getAttribute('role')).toBe('status');
    expect(element.querySelector('hf-connection-status')?.getAttribute('aria-live')).toBe('polite');
    expect(element.querySelector('hf-connection-status')?.textContent?.trim()).toBe('Connecting…');
    const buttons = Array.from(element.querySelectorAll('mat-toolbar button')).map((button) => button.textContent?.trim());
    expect(buttons).toContain('Log in');
  });

  it('puts its toolbar in the page header landmark', async () => {
    const element = await render();
    expect(element.querySelector('header mat-toolbar h1')).not.toBeNull();
  });

  it('moves the focus into a menu it opens, so the keyboard can choose an item', async () => {
    const element = await render();
    (element.querySelector('button[aria-label="Language"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    expect(document.activeElement?.getAttribute('role')).toBe('menuitemradio');
    expect(document.activeElement?.getAttribute('data-testid')).toBe('lang-zh-CN');
    // The CDK's key manager reads keyCode, which jsdom leaves at 0.
    const arrowDown = new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true });
    Object.defineProperty(arrowDown, 'keyCode', { value: 40 });
    document.activeElement?.dispatchEvent(arrowDown);
    await fixture.whenStable();
    expect(document.activeElement?.getAttribute('data-testid')).toBe('lang-en');
  });

  it('on a phone, offers theme and language as submenus of "More options"', async () => {
    const element = await render({ compact: true });
    (element.querySelector('[data-testid="more-menu"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    menuItem('Theme').click();
    await fixture.whenStable();
    menuItem('Dark').click();
    await fixture.whenStable();
    expect(document.documentElement.style.colorScheme).toBe('dark');
  });

  it('labels its icon buttons for screen readers', async () => {
    const element = await render();
    const iconButtons = Array.from(element.querySelectorAll('mat-toolbar button[mat-icon-button]'));
    expect(iconButtons.map((button) => button.getAttribute('aria-label'))).toEqual(['Language', 'Theme']);
  });

  it('switches to Chinese from the header without a reload, and remembers it', async () => {
    const element = await render();
    (element.querySelector('button[aria-label="Language"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    menuItem('简体中文').click();
    await fixture.whenStable();

    expect(element.querySelector('h1')?.textContent).toBe('HF Spaces 监控面板');
    expect(document.title).toBe('HF Spaces 监控面板');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(localStorage.getItem(STORAGE_KEYS.lang)).toBe('zh-CN');
  });

  it('switches the theme from the header and marks the choice', async () => {
    const element = await render();
    (element.querySelector('button[aria-label="Theme"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    menuItem('Dark').click();
    await fixture.whenStable();

    expect(document.documentElement.style.colorScheme).toBe('dark');
    (element.querySelector('button[aria-label="Theme"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(menuItem('Dark').getAttribute('aria-checked')).toBe('true');
    expect(menuItem('Light').getAttribute('aria-checked')).toBe('false');
  });

  it('shows who is logged in and offers to log out', async () => {
    localStorage.setItem(STORAGE_KEYS.session, JSON.stringify({ token: 't', username: 'ops', expiresAt: Date.now() + 60_000 }));
    const element = await render();
    // Seen: the name. Heard: whose profile menu it opens, and their role, in words.
    const user = element.querySelector('.user');
    expect(user?.textContent?.trim()).toBe('ops');
    expect(user?.getAttribute('aria-label')).toBe('Profile of ops (Viewer)');
    const logout = Array.from(element.querySelectorAll<HTMLButtonElement>('mat-toolbar button')).find(
      (button) => button.textContent?.trim() === 'Log out',
    );
    logout?.click();
    await fixture.whenStable();
    TestBed.inject(HttpTestingController).expectOne('/api/v1/auth/logout').flush(null);
    await fixture.whenStable();
    expect(element.querySelector('.user')).toBeNull();
  });
});
