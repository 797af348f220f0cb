import { ChangeDetectionStrategy, Component } from '@angular/core';
import { ShellComponent } from './core/layout/shell.component';

@Component({
  selector: 'hf-root',
  imports: [ShellComponent],
  template: '<hf-shell />',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {}
