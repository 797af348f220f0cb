export interface LoginRequest {
  username: string;
  password: string;
}

export interface LoginResponse {
  accessToken: string;
  tokenType: 'Bearer';
  /** ISO time the session ends. */
  expiresAt: string;
  username: string;
}

export interface MeResponse {
  username: string;
  expiresAt: string;
}
