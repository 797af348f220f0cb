import { Pipe, type PipeTransform } from '@angular/core';
import { formatBytesPerSecond } from '../format/formatters';

/** `{{ sample.rxBps | bytesPerSecond: lang() }}`; the language is an argument so the pipe stays pure. */
@Pipe({ name: 'bytesPerSecond' })
export class BytesPerSecondPipe implements PipeTransform {
  transform(value: number | null | undefined, lang: string): string {
    return value === null || value === undefined ? '—' : formatBytesPerSecond(value, lang);
  }
}
