import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from '@hfd/test-support';

export type Lang = 'en' | 'zh-CN';

type Dictionary = { [key: string]: string | Dictionary };

const cache = new Map<Lang, Dictionary>();

/** The dashboard's own dictionaries, read as data: a reworded text does not break a test. */
function dictionary(lang: Lang): Dictionary {
  let loaded = cache.get(lang);
  if (!loaded) {
    loaded = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'apps/dashboard/src/i18n', `${lang}.json`), 'utf8')) as Dictionary;
    cache.set(lang, loaded);
  }
  return loaded;
}

/** A text as the dashboard shows it in `lang`, `{{name}}` placeholders filled in. */
export function t(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  let node: string | Dictionary | undefined = dictionary(lang);
  for (const part of key.split('.')) {
    node = typeof node === 'object' ? node[part] : undefined;
  }
  if (typeof node !== 'string') throw new Error(`No text ${key} in ${lang}.json`);
  return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? `{{${name}}}`));
}
