import { Injectable, inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { TranslocoService } from '@jsverse/transloco';

type Params = Record<string, string | number>;

/**
 * Short results and notices, translated, in a snackbar. The snackbar container is an
 * `aria-live` region, so screen readers hear them without focus moving.
 */
@Injectable({ providedIn: 'root' })
export class Notifier {
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);

  info(key: string, params?: Params): void {
    this.open(key, params, 4000, 'polite');
  }

  error(key: string, params?: Params): void {
    this.open(key, params, 8000, 'assertive');
  }

  private open(key: string, params: Params | undefined, duration: number, politeness: 'polite' | 'assertive'): void {
    const message = this.transloco.translate(key, params);
    const action = this.transloco.translate('common.dismiss');
    this.snackBar.open(message, action, { duration, politeness });
  }
}
