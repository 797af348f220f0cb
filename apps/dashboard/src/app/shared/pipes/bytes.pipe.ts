import { Pipe, type PipeTransform } from '@angular/core';
import { formatBytes } from '../format/formatters';

@Pipe({ name: 'bytes' })
export class BytesPipe implements PipeTransform {
  transform(value: number | null | undefined, lang: string): string {
    return value === null || value === undefined ? '—' : formatBytes(value, lang);
  }
}
