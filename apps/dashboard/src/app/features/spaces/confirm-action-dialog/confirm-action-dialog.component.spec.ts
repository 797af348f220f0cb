import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import type { SpaceAction } from '@hfd/contracts';
import { provideTestDefaults } from '../../../../testing/test-providers';
import { ConfirmActionDialogComponent, type ConfirmActionData } from './confirm-action-dialog.component';

describe('ConfirmActionDialogComponent', () => {
  async function render(data: ConfirmActionData, lang: 'en' | 'zh-CN' = 'en'): Promise<HTMLElement> {
    TestBed.configureTestingModule({
      providers: [...provideTestDefaults(lang), { provide: MAT_DIALOG_DATA, useValue: data }],
    });
    const fixture = TestBed.createComponent(ConfirmActionDialogComponent);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it.each<[SpaceAction, string, string]>([
    ['restart', 'Restart this Space?', 'Restart'],
    ['rebuild', 'Factory rebuild this Space?', 'Rebuild'],
    ['pause', 'Pause this Space?', 'Pause'],
    ['resume', 'Resume this Space?', 'Resume'],
  ])('asks before %s, naming the Space by title and id', async (action, title, confirm) => {
    const element = await render({ action, spaceId: 'alice/whisper', title: 'Whisper Transcriber' });
    expect(element.querySelector('h2')?.textContent?.trim()).toBe(title);
    expect(element.querySelector('.target strong')?.textContent).toBe('Whisper Transcriber');
    expect(element.querySelector('.target .id')?.textContent).toBe('alice/whisper');
    const buttons = Array.from(element.querySelectorAll('button')).map((button) => button.textContent?.trim());
    expect(buttons).toEqual(['Cancel', confirm]);
  });

  it('speaks Chinese too', async () => {
    const element = await render({ action: 'restart', spaceId: 'alice/whisper', title: 'Whisper' }, 'zh-CN');
    expect(element.querySelector('h2')?.textContent?.trim()).toBe('重启这个 Space？');
    expect(element.textContent).toContain('alice/whisper');
  });
});
