/** Every path the API serves. Paths with parameters are given as their prefix. */
export const API_ROUTES = {
  config: '/api/v1/config',
  health: '/api/v1/health',
  login: '/api/v1/auth/login',
  me: '/api/v1/auth/me',
  logout: '/api/v1/auth/logout',
  /** `POST`: one's own password. */
  password: '/api/v1/auth/password',
  /** `POST /setup`, `/enable`, `/disable`. */
  totp: '/api/v1/auth/totp',
  /** `GET` the list; `DELETE /:id` revokes one. */
  sessions: '/api/v1/auth/sessions',
  /** Single sign-on: `GET` (a redirect to the provider), its callback, and the ticket's exchange (`POST`). */
  oidcLogin: '/api/v1/auth/oidc/login',
  oidcCallback: '/api/v1/auth/oidc/callback',
  oidcToken: '/api/v1/auth/oidc/token',
  /** `GET`, `POST`; `PATCH /:id`, `DELETE /:id` (admin). */
  users: '/api/v1/users',
  /** `GET`, `POST`; `DELETE /:id` (admin). */
  apiKeys: '/api/v1/api-keys',
  /** `GET` with AuditQuery. */
  audit: '/api/v1/audit',
  auditCsv: '/api/v1/audit.csv',
  /** `GET`, `POST`; `PATCH /:id`, `DELETE /:id`; `POST /:id/run?dryRun=true`; `GET /:id/runs`. */
  automations: '/api/v1/automations',
  /** `GET` the list; `/:owner/:name` the detail; `/:owner/:name/:action` an action; `/:owner/:name/metrics` the history. */
  spaces: '/api/v1/spaces',
  spacesRefresh: '/api/v1/spaces/refresh',
  /** Every visible Space's uptime; `/spaces/:owner/:name/{uptime,history,incidents}` for one. */
  uptime: '/api/v1/uptime',
  incidents: '/api/v1/incidents',
  /** `?spaces=a/b,c/d` narrows it to those Spaces. */
  stream: '/api/v1/stream',
  /** The original's external API: `/info/:token[/:owner/:name]` and `/action/:token/:owner/:name/{restart,rebuild}`. */
  externalInfo: '/api/v1/info',
  externalAction: '/api/v1/action',
  docs: '/api/docs',
  docsJson: '/api/docs-json',
  prometheus: '/metrics',
} as const;

export const AUTH_HEADER = 'Authorization';
export const RETRY_AFTER_HEADER = 'Retry-After';
