import { Pipe, type PipeTransform } from '@angular/core';

const formats = new Map<string, Intl.DateTimeFormat>();

/** An ISO time in the page's language (Angular's DatePipe would speak its one build locale). */
@Pipe({ name: 'when' })
export class WhenPipe implements PipeTransform {
  transform(iso: string, lang: string, style: 'dateTime' | 'date' = 'dateTime'): string {
    const key = `${lang}|${style}`;
    let format = formats.get(key);
    if (!format) {
      format = new Intl.DateTimeFormat(lang, style === 'date' ? { dateStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'medium' });
      formats.set(key, format);
    }
    return format.format(new Date(iso));
  }
}
