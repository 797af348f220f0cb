import { TestBed } from '@angular/core/testing';
import { STORAGE_KEYS } from '../../../core/storage/browser-storage';
import { ViewPreferences } from './view-preferences';

describe('ViewPreferences', () => {
  beforeEach(() => localStorage.clear());

  it('starts with cards for every account together', () => {
    const view = TestBed.inject(ViewPreferences);
    expect([view.mode(), view.layout(), view.byAccount()]).toEqual(['cards', 'cards', false]);
  });

  it('remembers a choice per browser', () => {
    TestBed.inject(ViewPreferences).setMode('list-by-account');
    expect(localStorage.getItem(STORAGE_KEYS.view)).toBe('list-by-account');
    TestBed.resetTestingModule();
    const view = TestBed.inject(ViewPreferences);
    expect([view.layout(), view.byAccount()]).toEqual(['list', true]);
  });

  it('ignores a stored value it does not know', () => {
    localStorage.setItem(STORAGE_KEYS.view, 'carousel');
    expect(TestBed.inject(ViewPreferences).mode()).toBe('cards');
  });
});
