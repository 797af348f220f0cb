import type { AppConfigService } from '../config/app-config.service';
import { validateEnv, type Env } from '../config/env.schema';

/** The configuration of `raw`, validated as at start, for services a unit test builds by hand. */
export function configWith(raw: Record<string, string>): AppConfigService {
  const env = validateEnv(raw);
  return { get: <K extends keyof Env>(key: K): Env[K] => env[key] } as unknown as AppConfigService;
}
