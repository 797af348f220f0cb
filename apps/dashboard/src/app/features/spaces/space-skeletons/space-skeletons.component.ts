import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/**
 * Grey shapes where the Spaces will be, while the inventory is on its way: the page shows
 * at once what it is going to look like. Hidden from screen readers, which hear the status
 * line beside them instead.
 */
@Component({
  selector: 'hf-space-skeletons',
  template: `
    @if (layout() === 'list') {
      <div class="rows">
        @for (row of placeholders; track row) {
          <div class="row"><span class="bar short"></span><span class="bar"></span><span class="bar short"></span></div>
        }
      </div>
    } @else {
      <div class="grid">
        @for (card of placeholders; track card) {
          <div class="card">
            <span class="bar short"></span>
            <span class="bar title"></span>
            <span class="bar"></span>
            <span class="tiles"><span></span><span></span><span></span><span></span></span>
            <span class="bar"></span>
          </div>
        }
      </div>
    }
  `,
  styleUrl: './space-skeletons.component.scss',
  host: { 'aria-hidden': 'true', 'data-testid': 'skeletons' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SpaceSkeletonsComponent {
  readonly layout = input<'cards' | 'list'>('cards');
  protected readonly placeholders = [1, 2, 3, 4, 5, 6];
}
