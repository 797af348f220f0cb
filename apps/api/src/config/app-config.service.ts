import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from './env.schema';

/** Typed, validated configuration: the only way the application reads its environment. */
@Injectable()
export class AppConfigService {
  constructor(private readonly config: ConfigService<Env, true>) {}

  get<K extends keyof Env>(key: K): Env[K] {
    return this.config.get(key, { infer: true });
  }

  /** No account configured and demo not turned off: the server runs the bundled hub emulator. */
  get demo(): boolean {
    return this.get('HF_USER') === undefined && this.get('DEMO');
  }
}
