import ms from 'ms';
import { resolve } from 'node:path';
import { z } from 'zod';
import { HfUserFormatError, parseHfUser, type AccountConfig } from './hf-user.parser';

/** Thrown when the environment is invalid; its message is one line naming the variable. */
export class ConfigValidationError extends Error {
  override readonly name = 'ConfigValidationError';
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const LOG_FORMATS = ['pretty', 'json'] as const;

/** Unset and blank are the same thing for every variable. */
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

function boolean(defaultValue: boolean) {
  return optionalText.transform((value, ctx) => {
    if (value === undefined) return defaultValue;
    const normalized = value.toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(normalized)) return true;
    if (['false', '0', 'no', 'off'].includes(normalized)) return false;
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a boolean (use true or false)` });
    return z.NEVER;
  });
}

/** `30s`, `5m`, `24h` as `ms` reads them; a bare number means seconds. Result in milliseconds. */
function duration(defaultValue: string, min: number, max: number) {
  return optionalText.transform((value, ctx) => {
    const text = value ?? defaultValue;
    const parsed = /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : ms(text as ms.StringValue);
    if (typeof parsed !== 'number' || !Number.isFinite(parsed)) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration (examples: 30s, 5m, 24h)` });
      return z.NEVER;
    }
    if (parsed < min || parsed > max) {
      ctx.addIssue({ code: 'custom', message: `must be between ${ms(min, { long: true })} and ${ms(max, { long: true })}` });
      return z.NEVER;
    }
    return parsed;
  });
}

/** One of `choices`, in any case; undefined when unset. */
function oneOf<const T extends string>(choices: readonly T[]) {
  return optionalText.transform((value, ctx): T | undefined => {
    if (value === undefined) return undefined;
    const choice = choices.find((candidate) => candidate === value.toLowerCase());
    if (choice === undefined) {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not one of ${choices.join(', ')}` });
      return z.NEVER;
    }
    return choice;
  });
}

/** A cap: a whole number, where 0 turns the cap off. */
function cap(defaultValue: number) {
  return optionalText.transform((value, ctx) => {
    if (value === undefined) return defaultValue;
    if (!/^\d{1,9}$/.test(value)) {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not a whole number (0 turns the cap off)` });
      return z.NEVER;
    }
    return Number(value);
  });
}

function baseUrl(defaultValue: string) {
  return optionalText.transform((value, ctx) => {
    const text = value ?? defaultValue;
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not a URL` });
      return z.NEVER;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      ctx.addIssue({ code: 'custom', message: 'must be an http or https URL' });
      return z.NEVER;
    }
    return text.replace(/\/+$/, '');
  });
}

const SECRET_MIN_LENGTH = 32;
/** docker/.env.example's placeholders: a copy left unedited would log in with a published password. */
const PLACEHOLDER = /^change-?me/i;
const NOT_PLACEHOLDER = {
  message: 'is still the placeholder of docker/.env.example (change-me…); set a value of your own',
};
const notPlaceholder = (value: string | undefined) => value === undefined || !PLACEHOLDER.test(value);

export const envSchema = z.object({
  HF_USER: optionalText.transform((value, ctx): AccountConfig[] | undefined => {
    if (value === undefined) return undefined;
    try {
      return parseHfUser(value);
    } catch (error) {
      if (!(error instanceof HfUserFormatError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message });
      return z.NEVER;
    }
  }),
  DEMO: boolean(true),
  API_KEY: optionalText.refine(notPlaceholder, NOT_PLACEHOLDER),
  USER_NAME: optionalText.transform((value) => value ?? 'admin'),
  USER_PASSWORD: z
    .string()
    .optional()
    .transform((value) => (value === undefined || value === '' ? undefined : value))
    .refine(notPlaceholder, NOT_PLACEHOLDER),
  PORT: optionalText.transform((value, ctx) => {
    const text = value ?? '8080';
    const port = Number(text);
    if (!/^\d+$/.test(text) || port > 65535) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not a port number (0-65535)` });
      return z.NEVER;
    }
    return port;
  }),
  HOST: optionalText.transform((value) => value ?? '0.0.0.0'),
  SHOW_PRIVATE: boolean(false),
  HF_ENDPOINT: baseUrl('https://huggingface.co'),
  HF_SPACES_ENDPOINT: baseUrl('https://api.hf.space'),
  JWT_SECRET: optionalText
    .refine((value) => value === undefined || value.length >= SECRET_MIN_LENGTH, {
      message: `must be at least ${SECRET_MIN_LENGTH} characters`,
    })
    .refine(notPlaceholder, NOT_PLACEHOLDER),
  SESSION_TTL: duration('24h', ms('1m'), ms('365d')),
  REFRESH_INTERVAL: duration('30s', ms('5s'), ms('1d')),
  HUB_TIMEOUT: duration('15s', ms('1s'), ms('5m')),
  LOG_LEVEL: oneOf(LOG_LEVELS).transform((level) => level ?? 'info'),
  /** Unset: readable lines at a terminal, JSON otherwise. */
  LOG_FORMAT: oneOf(LOG_FORMATS),
  METRICS_REQUIRE_API_KEY: boolean(false),
  /** Express's `trust proxy`: needed behind a reverse proxy so login throttling sees client addresses. */
  TRUST_PROXY: optionalText.transform((value): boolean | number | string => {
    if (value === undefined || value.toLowerCase() === 'false') return false;
    if (value.toLowerCase() === 'true') return true;
    return /^\d+$/.test(value) ? Number(value) : value;
  }),
  /**
   * Event streams one client address may hold open (the address as TRUST_PROXY resolves it:
   * a team behind one NAT shares it), and the whole server: each costs memory as long as it lasts.
   */
  STREAM_LIMIT_PER_CLIENT: cap(50),
  STREAM_LIMIT: cap(5000),
  /** The dashboard's production build; by default next to the API's own build output. */
  DASHBOARD_DIR: optionalText,
  /** Origins allowed to call the API from a browser; closed by default. */
  CORS_ORIGINS: optionalText.transform((value) =>
    value === undefined ? [] : value.split(',').map((origin) => origin.trim()).filter(Boolean),
  ),
  /** Where the SQLite database and the generated key file live (relative to the working directory). */
  DATA_DIR: optionalText.transform((value) => resolve(value ?? 'data')),
  /** PostgreSQL instead of SQLite. Never echoed back: it may hold a password. */
  DATABASE_URL: optionalText.refine((value) => value === undefined || isPostgresUrl(value), {
    message: 'must be a postgres://user:password@host:port/database URL',
  }),
  /** Encrypts stored secrets; required with DATABASE_URL (checked below), generated into DATA_DIR otherwise. */
  SECRET_KEY: optionalText
    .refine((value) => value === undefined || value.length >= SECRET_MIN_LENGTH, {
      message: `must be at least ${SECRET_MIN_LENGTH} characters`,
    })
    .refine(notPlaceholder, NOT_PLACEHOLDER),
  HISTORY_RETENTION: duration('90d', ms('1d'), ms('3650d')),
  /** A Space's app, for probes and keep-alive visits: `{subdomain}`, `{owner}` and `{name}` are filled in. */
  SPACE_URL_TEMPLATE: optionalText.transform((value, ctx) => {
    const text = (value ?? 'https://{subdomain}.hf.space').replace(/\/+$/, '');
    let url: URL;
    try {
      url = new URL(text.replace(/\{(subdomain|owner|name)\}/g, 'x'));
    } catch {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not a URL once {subdomain}, {owner} and {name} are filled in` });
      return z.NEVER;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      ctx.addIssue({ code: 'custom', message: 'must be an http or https URL' });
      return z.NEVER;
    }
    return text;
  }),
  /** A Space building or starting longer than this is stuck: an incident. */
  INCIDENT_STUCK_AFTER: duration('20m', ms('1m'), ms('1d')),
  /** Set by Hugging Face in a Space: its disk does not survive a restart. */
  SPACE_ID: optionalText,
  /** Accept `Remote-User`/`Remote-Groups` from the TRUST_PROXY addresses (Authelia, Authentik, oauth2-proxy). */
  TRUSTED_PROXY_AUTH: boolean(false),
  /** Single sign-on with an OpenID Connect provider (authorization code + PKCE); off while unset. */
  OIDC_ISSUER: optionalText.transform((value, ctx) => {
    if (value === undefined) return undefined;
    try {
      const url = new URL(value);
      if (url.protocol === 'https:' || url.protocol === 'http:') return value.replace(/\/+$/, '');
    } catch {
      // Reported below.
    }
    ctx.addIssue({ code: 'custom', message: `"${value}" is not an http or https URL` });
    return z.NEVER;
  }),
  OIDC_CLIENT_ID: optionalText,
  /** Never echoed back. Unset: a public client (PKCE only). */
  OIDC_CLIENT_SECRET: optionalText,
  /** The claim (of the ID token or userinfo) whose values name the role: `viewer`, `operator`, `admin`. */
  OIDC_ROLE_CLAIM: optionalText.transform((value) => value ?? 'groups'),
  /** The role of someone whose claim names none; unset: they get no access. */
  OIDC_DEFAULT_ROLE: oneOf(['viewer', 'operator', 'admin'] as const),
  /** The address people open the dashboard at: single sign-on sends them back to it. */
  PUBLIC_URL: optionalText.transform((value, ctx) => {
    if (value === undefined) return undefined;
    try {
      const url = new URL(value);
      if (url.protocol === 'https:' || url.protocol === 'http:') return value.replace(/\/+$/, '');
    } catch {
      // Reported below.
    }
    ctx.addIssue({ code: 'custom', message: `"${value}" is not an http or https URL` });
    return z.NEVER;
  }),
});

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Rules across variables, reported as a problem of the variable to change. */
const checkedEnvSchema = envSchema.superRefine((env, ctx) => {
  if (env.DATABASE_URL !== undefined && env.SECRET_KEY === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['SECRET_KEY'],
      message: `must be set when DATABASE_URL is (${SECRET_MIN_LENGTH}+ characters): it encrypts the secrets stored in the database`,
    });
  }
  if ((env.OIDC_ISSUER === undefined) !== (env.OIDC_CLIENT_ID === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: [env.OIDC_ISSUER === undefined ? 'OIDC_ISSUER' : 'OIDC_CLIENT_ID'],
      message: 'OIDC_ISSUER and OIDC_CLIENT_ID turn single sign-on on together: set both, or neither',
    });
  }
  // Headers that name the user are believed only from known proxy addresses: `true` or a hop
  // count would believe whoever connects.
  if (env.TRUSTED_PROXY_AUTH && typeof env.TRUST_PROXY !== 'string') {
    ctx.addIssue({
      code: 'custom',
      path: ['TRUSTED_PROXY_AUTH'],
      message: 'needs TRUST_PROXY to list the proxy addresses or subnets (such as 10.0.0.5 or loopback), not true, false or a hop count',
    });
  }
});

export type Env = z.output<typeof envSchema>;

/** Validates the environment; the first problem becomes one line: `VARIABLE: problem`. */
export function validateEnv(raw: Record<string, unknown>): Env {
  const result = checkedEnvSchema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const variable = String(issue.path[0] ?? 'environment');
  const problem = issue.code === 'invalid_type' ? 'must be text' : issue.message;
  throw new ConfigValidationError(`Invalid configuration: ${variable}: ${problem}`);
}
