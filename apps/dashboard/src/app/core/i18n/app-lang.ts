export const APP_LANGS = ['zh-CN', 'en'] as const;
export type AppLang = (typeof APP_LANGS)[number];

export function isAppLang(value: unknown): value is AppLang {
  return typeof value === 'string' && (APP_LANGS as readonly string[]).includes(value);
}

/**
 * The remembered choice wins; otherwise the first browser language we can serve
 * (any `zh*` → zh-CN, any `en*` → en), and English when none matches.
 */
export function resolveInitialLang(stored: string | null, browserLangs: readonly string[]): AppLang {
  if (isAppLang(stored)) return stored;
  for (const tag of browserLangs) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}
