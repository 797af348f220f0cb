/** Who is calling: a logged-in user, a script holding the API key, or nobody. */
export type Principal =
  | { kind: 'session'; username: string; jti: string; expiresAt: number }
  | { kind: 'apiKey' };
