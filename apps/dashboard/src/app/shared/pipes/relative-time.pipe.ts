import { Pipe, type PipeTransform } from '@angular/core';
import { formatRelativeTime } from '../format/formatters';

/** `{{ iso | relativeTime: now() : lang() }}`: pure, so "now" is passed in from a clock signal. */
@Pipe({ name: 'relativeTime' })
export class RelativeTimePipe implements PipeTransform {
  transform(value: string | number | null | undefined, now: number, lang: string): string {
    if (value === null || value === undefined) return '—';
    const time = typeof value === 'number' ? value : Date.parse(value);
    return Number.isNaN(time) ? '—' : formatRelativeTime(time, now, lang);
  }
}
