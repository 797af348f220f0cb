import { Component, signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { FocusKeeper } from './focus-keeper';

/** Two cards in an order that can flip, and a button that can go, as a live list does. */
@Component({
  template: `
    @for (card of cards(); track card) {
      <div class="card" [attr.id]="card" data-focus-scope>
        <button type="button" class="first">{{ card }} first</button>
        @if (card !== gone()) {
          <button type="button" class="second">{{ card }} second</button>
        }
      </div>
    }
  `,
})
class LiveListComponent {
  readonly cards = signal(['a', 'b']);
  readonly gone = signal<string | null>(null);
}

describe('FocusKeeper', () => {
  let fixture: ComponentFixture<LiveListComponent>;

  beforeEach(async () => {
    TestBed.inject(FocusKeeper).start();
    fixture = TestBed.createComponent(LiveListComponent);
    await fixture.whenStable();
  });

  const button = (selector: string): HTMLButtonElement =>
    (fixture.nativeElement as HTMLElement).querySelector(selector) as HTMLButtonElement;

  it('gives the focus back to a control the page moved', async () => {
    button('#b .second').focus();
    fixture.componentInstance.cards.set(['b', 'a']);
    await fixture.whenStable();
    expect(document.activeElement).toBe(button('#b .second'));
  });

  it('hands the focus to the first control of its card when the focused one goes', async () => {
    button('#a .second').focus();
    fixture.componentInstance.gone.set('a');
    await fixture.whenStable();
    expect(document.activeElement).toBe(button('#a .first'));
  });

  it('leaves the focus where a pointer press put it', async () => {
    button('#a .second').focus();
    document.dispatchEvent(new Event('pointerdown'));
    button('#a .second').blur();
    fixture.componentInstance.cards.set(['b', 'a']);
    await fixture.whenStable();
    expect(document.activeElement).toBe(document.body);
  });
});
