import { TestBed } from '@angular/core/testing';
import { STORAGE_KEYS } from '../storage/browser-storage';
import { ThemeService } from './theme.service';

describe('ThemeService', () => {
  let meta: HTMLMetaElement;

  beforeEach(() => {
    localStorage.clear();
    document.documentElement.style.colorScheme = '';
    meta = document.createElement('meta');
    meta.name = 'theme-color';
    meta.content = '';
    document.head.appendChild(meta);
    document.body.style.backgroundColor = 'rgb(250, 249, 253)';
  });

  afterEach(() => meta.remove());

  it('follows the system by default, through color-scheme "light dark"', () => {
    const theme = TestBed.inject(ThemeService);
    expect(theme.mode()).toBe('system');
    expect(document.documentElement.style.colorScheme).toBe('light dark');
  });

  it('applies a chosen scheme and remembers it', () => {
    const theme = TestBed.inject(ThemeService);
    theme.setMode('dark');
    expect(document.documentElement.style.colorScheme).toBe('dark');
    expect(theme.scheme()).toBe('dark');
    expect(localStorage.getItem(STORAGE_KEYS.theme)).toBe('dark');

    theme.setMode('light');
    expect(document.documentElement.style.colorScheme).toBe('light');
    expect(localStorage.getItem(STORAGE_KEYS.theme)).toBe('light');
  });

  it('restores the remembered choice on the next visit', () => {
    localStorage.setItem(STORAGE_KEYS.theme, 'dark');
    const theme = TestBed.inject(ThemeService);
    expect(theme.mode()).toBe('dark');
    expect(document.documentElement.style.colorScheme).toBe('dark');
  });

  it('ignores a remembered value it does not know', () => {
    localStorage.setItem(STORAGE_KEYS.theme, 'sepia');
    expect(TestBed.inject(ThemeService).mode()).toBe('system');
  });

  it('gives the browser chrome the page background as theme colour', () => {
    TestBed.inject(ThemeService).setMode('light');
    expect(meta.content).toBe('rgb(250, 249, 253)');
  });
});
