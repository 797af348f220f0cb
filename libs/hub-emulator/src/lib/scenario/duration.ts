import { z } from 'zod';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;
const WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;

export const DURATION_HINT = 'Expected a duration such as "250ms", "10s", "5m", "1h30m" or "2d" (a bare number is milliseconds)';

/** `"1m30s"` → 90000; null when the text is not a duration. */
export function parseDuration(text: string): number | null {
  if (!WHOLE.test(text)) return null;
  let ms = 0;
  for (const [, amount, unit] of text.matchAll(PART)) ms += Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  return Math.round(ms);
}

/** Milliseconds as a number, so that a parsed scenario is a valid scenario again. */
const Milliseconds = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

function durationSchema<Extra extends string>(extra: readonly Extra[]) {
  const hint = extra.length === 0 ? DURATION_HINT : `${DURATION_HINT}, or ${extra.map((word) => `"${word}"`).join(', ')}`;
  const text = z.string({ error: hint }).transform((value, ctx): number | Extra => {
    const word = extra.find((candidate) => candidate === value.trim());
    if (word !== undefined) return word;
    const ms = parseDuration(value.trim());
    if (ms !== null) return ms;
    ctx.addIssue({ code: 'custom', message: `${hint}; got "${value}"` });
    return z.NEVER;
  });
  return z.union([Milliseconds, text], { error: hint });
}

/** A duration with its unit (`"10s"`), or a number of milliseconds. */
export const DurationSchema = durationSchema<never>([]);

/** A duration, or `"never"` for a wait that does not end. */
export const DurationOrNeverSchema = durationSchema(['never'] as const);

