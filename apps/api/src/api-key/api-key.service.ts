import { Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppConfigService } from '../config/app-config.service';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Holds the API key only as a digest and compares in constant time. */
@Injectable()
export class ApiKeyService {
  private readonly keyDigest: Buffer | null;

  constructor(config: AppConfigService) {
    const key = config.get('API_KEY');
    this.keyDigest = key === undefined ? null : digest(key);
  }

  get enabled(): boolean {
    return this.keyDigest !== null;
  }

  /** Digests are compared rather than the keys, so even the length does not leak through timing. */
  matches(presented: string | null): boolean {
    if (this.keyDigest === null || presented === null) return false;
    return timingSafeEqual(digest(presented), this.keyDigest);
  }
}
