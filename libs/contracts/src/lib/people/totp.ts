/** `POST /api/v1/auth/totp/setup`: starts enrolment; the password proves it is the user. */
export interface TotpSetupRequest {
  password: string;
}

/** Shown once: the seed, as a QR code and as text, until `enable` confirms a code from it. */
export interface TotpSetupResponse {
  /** Base32 seed, for typing into an authenticator by hand. */
  secret: string;
  /** `otpauth://totp/...` (RFC 6238, SHA1, 6 digits, 30 s). */
  otpauthUri: string;
  /** The URI as a QR code: `data:image/svg+xml;base64,...`. */
  qrCode: string;
}

/** `POST /api/v1/auth/totp/enable`: a code from the new seed turns the second factor on. */
export interface TotpEnableRequest {
  code: string;
}

/** Shown once: each recovery code logs in once in place of a TOTP code. */
export interface TotpEnableResponse {
  recoveryCodes: string[];
}

/** `POST /api/v1/auth/totp/disable`: the password and a current code (or a recovery code). */
export interface TotpDisableRequest {
  password: string;
  code: string;
}
