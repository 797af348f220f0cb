export type {
  ApiKeysTable,
  AuditLogTable,
  AutomationJobsTable,
  AutomationRulesTable,
  AutomationRunsTable,
  Database,
  DatabaseKind,
  MetricRollupsTable,
  ProbeResultsTable,
  SessionsTable,
  SettingsTable,
  UsersTable,
} from './lib/database';
export type { DatabaseHealth } from './lib/database-status';
export { backupSqlite } from './lib/backup';
export { describeUrl } from './lib/connections';
export { MIGRATIONS } from './lib/migrations';
export { migrate } from './lib/migrate';
export { openPersistence, Persistence, SQLITE_FILE } from './lib/persistence';
export type { PersistenceOptions } from './lib/persistence';
export { pruneOlderThan } from './lib/retention';
export type { Prunable, PruneOptions } from './lib/retention';
export { HistoryRepository } from './lib/repositories/history.repository';
export type {
  StateSums,
  TransitionRecord,
} from './lib/repositories/history.repository';
export { RollupsRepository } from './lib/repositories/rollups.repository';
export type {
  RollupRecord,
  RollupTable,
} from './lib/repositories/rollups.repository';
export { ServerRunsRepository } from './lib/repositories/server-runs.repository';
export type { ServerRun } from './lib/repositories/server-runs.repository';
export {
  ApiKeyNameTakenError,
  ApiKeysRepository,
} from './lib/repositories/api-keys.repository';
export type { ApiKeyRecord } from './lib/repositories/api-keys.repository';
export {
  AutomationRepository,
  jobIdOf,
} from './lib/repositories/automation.repository';
export type {
  AutomationJobRecord,
  AutomationRuleRecord,
  AutomationRunRecord,
  JobOutcome,
  LadderStep,
  ProbeResultRecord,
} from './lib/repositories/automation.repository';
export { AuditRepository } from './lib/repositories/audit.repository';
export type {
  AuditFilter,
  AuditRecord,
} from './lib/repositories/audit.repository';
export {
  UsernameTakenError,
  UsersRepository,
} from './lib/repositories/users.repository';
export type {
  UserChanges,
  UserRecord,
} from './lib/repositories/users.repository';
export { SessionsRepository } from './lib/repositories/sessions.repository';
export type { SessionRecord } from './lib/repositories/sessions.repository';
export { SecretBox, SecretBoxError } from './lib/secret-box';
export { SECRET_KEY_FILE, SECRET_KEY_MIN_LENGTH } from './lib/secret-key-file';
export { PersistenceStartError } from './lib/start-error';
export { StoredSecrets } from './lib/stored-secrets';
export { WriteQueueFullError } from './lib/write-queue';
export type { Write, WriteQueue } from './lib/write-queue';
