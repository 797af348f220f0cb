import { Injectable } from '@nestjs/common';
import { ERROR_CODES, type TotpEnableResponse, type TotpSetupResponse } from '@hfd/contracts';
import { StoredSecrets, type UserRecord } from '@hfd/persistence';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { ApiException } from '../common/errors/api.exception';
import { verifyPassword } from './password';
import { UsersService } from './users.service';

const ISSUER = 'HF Spaces Dashboard';
const RECOVERY_CODES = 10;
/** One step either side: a phone's clock a little off, or a code typed as it turned. */
const WINDOW = 1;

function totpOf(secret: string, username: string): TOTP {
  return new TOTP({ issuer: ISSUER, label: username, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
}

/** Recovery codes are high-entropy, so a sha256 digest keeps them safe; compared in constant time. */
function codeDigest(code: string): string {
  return createHash('sha256').update(code.replace(/[\s-]/g, '').toLowerCase(), 'utf8').digest('hex');
}

/** Each seed is sealed bound to its user and column, so a sealed seed copied to another row does not open. */
const context = (user: UserRecord, column: 'totp_secret' | 'totp_pending') => `users:${user.id}:${column}`;

/**
 * TOTP second factor (RFC 6238, otpauth): enrolment shows the seed once, as a QR code and as
 * text; it is stored sealed with SECRET_KEY (StoredSecrets) and turned on only by a code from
 * it. Ten recovery codes, each usable once, are stored as digests.
 */
@Injectable()
export class TotpService {
  /** Per user, the last time step accepted: a code is not accepted twice. */
  private readonly lastStep = new Map<string, number>();

  constructor(
    private readonly users: UsersService,
    private readonly secrets: StoredSecrets,
  ) {}

  async setup(user: UserRecord, password: string): Promise<TotpSetupResponse> {
    await this.checkPassword(user, password);
    if (user.totpSecret !== null) throw new ApiException(409, ERROR_CODES.totpState, 'TOTP is already on; turn it off first to enrol another device');
    const secret = new Secret({ size: 20 }).base32;
    await this.users.write(user, { totpPending: this.secrets.seal(secret, context(user, 'totp_pending')) });
    const otpauthUri = totpOf(secret, user.username).toString();
    // Loaded when first needed: enrolment is rare, and the QR code library stays out of idle memory.
    const { toString: qrSvg } = await import('qrcode');
    const svg = await qrSvg(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { secret, otpauthUri, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
  }

  async enable(user: UserRecord, code: string): Promise<TotpEnableResponse> {
    if (user.totpSecret !== null) throw new ApiException(409, ERROR_CODES.totpState, 'TOTP is already on');
    if (user.totpPending === null) throw new ApiException(409, ERROR_CODES.totpState, 'Start with POST /auth/totp/setup');
    const secret = this.secrets.open(user.totpPending, context(user, 'totp_pending'));
    if (!this.acceptsTotp(user, secret, code)) throw invalidCode(400);
    const recoveryCodes = Array.from({ length: RECOVERY_CODES }, () => {
      const hex = randomBytes(10).toString('hex');
      return `${hex.slice(0, 5)}-${hex.slice(5, 10)}-${hex.slice(10, 15)}-${hex.slice(15)}`;
    });
    await this.users.write(user, {
      totpSecret: this.secrets.seal(secret, context(user, 'totp_secret')),
      totpPending: null,
      recoveryCodes: recoveryCodes.map(codeDigest),
    });
    return { recoveryCodes };
  }

  async disable(user: UserRecord, password: string, code: string): Promise<void> {
    await this.checkPassword(user, password);
    if (user.totpSecret === null) throw new ApiException(409, ERROR_CODES.totpState, 'TOTP is not on');
    if (!(await this.verify(user, code))) throw invalidCode(400);
    await this.users.write(user, { totpSecret: null, totpPending: null, recoveryCodes: [] });
  }

  /** A current TOTP code, or an unused recovery code (then used up). */
  async verify(user: UserRecord, code: string): Promise<boolean> {
    if (user.totpSecret === null) return false;
    if (/^\d{6}$/.test(code)) return this.acceptsTotp(user, this.secrets.open(user.totpSecret, context(user, 'totp_secret')), code);
    const presented = Buffer.from(codeDigest(code), 'hex');
    const index = user.recoveryCodes.findIndex((stored) => timingSafeEqual(Buffer.from(stored, 'hex'), presented));
    if (index < 0) return false;
    await this.users.write(user, { recoveryCodes: user.recoveryCodes.filter((_, i) => i !== index) });
    return true;
  }

  private acceptsTotp(user: UserRecord, secret: string, code: string): boolean {
    const totp = totpOf(secret, user.username);
    const delta = totp.validate({ token: code, window: WINDOW });
    if (delta === null) return false;
    const step = totp.counter() + delta;
    if (step <= (this.lastStep.get(user.id) ?? -1)) return false;
    this.lastStep.set(user.id, step);
    return true;
  }

  private async checkPassword(user: UserRecord, password: string): Promise<void> {
    if (user.passwordHash === null || !(await verifyPassword(password, user.passwordHash))) {
      throw new ApiException(400, ERROR_CODES.wrongPassword, 'The password is wrong');
    }
  }
}

/** 401 at login; 400 when a logged-in user confirms a change (a 401 there would read as a lost session). */
export function invalidCode(status: 400 | 401): ApiException {
  return new ApiException(status, ERROR_CODES.invalidTotpCode, 'The code is wrong, expired or already used');
}
