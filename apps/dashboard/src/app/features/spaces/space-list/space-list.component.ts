import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { SpaceSummary } from '@hfd/contracts';
import type { SpaceSort } from '../data-access/space-filters';
import { SpaceCardComponent } from '../space-card/space-card.component';
import { SpaceTableComponent } from '../space-table/space-table.component';

/** Some Spaces, as cards or as the compact list. */
@Component({
  selector: 'hf-space-list',
  imports: [SpaceCardComponent, SpaceTableComponent],
  template: `
    @if (layout() === 'list') {
      <hf-space-table [spaces]="spaces()" [sort]="sort()" [caption]="caption()" (sortChange)="sortChange.emit($event)" />
    } @else {
      <div class="grid">
        @for (space of spaces(); track space.id) {
          <hf-space-card [space]="space" />
        }
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 340px), 1fr));
      gap: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SpaceListComponent {
  readonly spaces = input.required<readonly SpaceSummary[]>();
  readonly layout = input.required<'cards' | 'list'>();
  readonly sort = input.required<SpaceSort>();
  readonly caption = input.required<string>();
  readonly sortChange = output<SpaceSort>();
}
