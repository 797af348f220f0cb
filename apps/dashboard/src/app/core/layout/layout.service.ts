import { BreakpointObserver } from '@angular/cdk/layout';
import { Injectable, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { map } from 'rxjs';

/** Phones: one column, a condensed toolbar, and card actions in a menu. */
export const COMPACT_QUERY = '(max-width: 600px)';

@Injectable({ providedIn: 'root' })
export class LayoutService {
  readonly compact = toSignal(
    inject(BreakpointObserver)
      .observe(COMPACT_QUERY)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
}
