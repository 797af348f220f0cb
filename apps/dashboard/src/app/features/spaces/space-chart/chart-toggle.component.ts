import { ChangeDetectionStrategy, Component, input, model } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoPipe } from '@jsverse/transloco';

/**
 * Shows or hides a Space's chart: "Chart" in words where there is room, an icon with a
 * tooltip (above it, off the buttons below) where there is not. Its name is its words either way.
 */
@Component({
  selector: 'hf-chart-toggle',
  imports: [MatButtonModule, MatIconModule, MatTooltipModule, TranslocoPipe],
  template: `
    <button
      mat-button
      type="button"
      data-testid="chart-toggle"
      [class.toggled]="open()"
      [class.icon-only]="iconOnly()"
      [attr.aria-expanded]="open()"
      [attr.aria-controls]="controls()"
      [matTooltip]="(open() ? 'card.hideChartShort' : 'card.showChartShort') | transloco"
      [matTooltipDisabled]="!iconOnly()"
      matTooltipPosition="above"
      (click)="open.set(!open())"
    >
      <mat-icon svgIcon="show-chart" /><span [class.visually-hidden]="iconOnly()">
        @if (spaceTitle(); as title) {
          {{ (open() ? 'card.hideChart' : 'card.showChart') | transloco: { title } }}
        } @else {
          {{ (open() ? 'card.hideChartShort' : 'card.chart') | transloco }}
        }
      </span>
    </button>
  `,
  styles: `
    :host {
      display: contents;
    }
    .toggled {
      color: var(--mat-sys-primary);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChartToggleComponent {
  readonly open = model.required<boolean>();
  /** The id of the chart's container. */
  readonly controls = input.required<string>();
  readonly iconOnly = input(false);
  /** Where nothing around names the Space (a list row's buttons, read one after another), the name says whose chart. */
  readonly spaceTitle = input<string | null>(null);
}
