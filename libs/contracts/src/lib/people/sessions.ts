/** One login session (`GET /api/v1/auth/sessions`). */
export interface SessionInfo {
  id: string;
  username: string;
  address: string | null;
  /** The User-Agent header as sent at login (cut to 512 characters). */
  userAgent: string | null;
  /** A short name for it: "Firefox on Linux", or null when not recognised. */
  browser: string | null;
  /** ISO times. */
  createdAt: string;
  lastSeenAt: string | null;
  expiresAt: string;
  /** The session making this request. */
  current: boolean;
}

/** `GET /api/v1/auth/sessions`: one's own active sessions; an admin's answer has everyone's. */
export interface SessionsListResponse {
  sessions: SessionInfo[];
}
