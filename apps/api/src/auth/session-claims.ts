/** What a session token carries. `jti` lets logout revoke exactly this token. */
export interface SessionClaims {
  /** The user name. */
  sub: string;
  /** The user's id: a user deleted and made again under the same name does not inherit the tokens. */
  uid: string;
  jti: string;
  /** Issued at, in milliseconds: `iat` is in seconds, too coarse to tell a token from a password change in the same second. */
  at: number;
  iat: number;
  exp: number;
}
