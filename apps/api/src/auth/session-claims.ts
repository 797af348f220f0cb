/** What a session token carries. `jti` lets logout revoke exactly this token. */
export interface SessionClaims {
  sub: string;
  jti: string;
  iat: number;
  exp: number;
}
