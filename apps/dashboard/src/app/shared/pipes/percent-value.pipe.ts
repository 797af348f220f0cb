import { Pipe, type PipeTransform } from '@angular/core';
import { formatPercent } from '../format/formatters';

/** For values that are already percentages (CPU 12.5 → "12.5%"), unlike Angular's `percent`. */
@Pipe({ name: 'percentValue' })
export class PercentValuePipe implements PipeTransform {
  transform(value: number | null | undefined, lang: string): string {
    return value === null || value === undefined ? '—' : formatPercent(value, lang);
  }
}
