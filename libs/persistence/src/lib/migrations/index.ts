import type { Migration } from 'kysely';
import { sessionsAndSettings } from './0001-sessions-and-settings';
import { people } from './0002-people';
import { history } from './0003-history';
import { automation } from './0004-automation';

/**
 * Every migration of this build, by name. Names sort in the order they run (Kysely's Migrator
 * requires it) and are never renamed or removed once released: a database that has run a name
 * this list lacks belongs to a newer build, and the server refuses to start on it. Imported
 * statically rather than read from a folder, because the server ships as one bundle.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-sessions-and-settings': sessionsAndSettings,
  '0002-people': people,
  '0003-history': history,
  '0004-automation': automation,
};
