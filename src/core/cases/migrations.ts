/**
 * Numbered migrations of the case database, one function each. Migration N (1-based) brings a
 * database from `user_version` N-1 to N; each runs in its own transaction together with the bump of
 * `user_version`, so a crash leaves the database at a whole version. Never edit a released migration:
 * add the next one.
 *
 * Columns in clear hold only what operations need (status, times, attempt counts, flow id, reference,
 * delivery target, error reason). Everything about the visitor is in `case_payloads.blob`, encrypted.
 */
import type Database from 'better-sqlite3';

export type Migration = (db: Database.Database) => void;

export const migrations: readonly Migration[] = [
  function m001_createQueue(db) {
    db.exec(`
      CREATE TABLE data_key (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        kind TEXT NOT NULL,
        wrapped BLOB NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE cases (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        reference TEXT NOT NULL UNIQUE,
        idempotency_key TEXT NOT NULL UNIQUE,
        flow_id TEXT NOT NULL,
        delivery_target TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('stored', 'in_flight', 'delivered', 'dead_letter', 'discarded')),
        submitted_at INTEGER NOT NULL,
        stored_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_attempt_at INTEGER,
        last_error TEXT,
        error_kind TEXT CHECK (error_kind IN ('offline', 'transient', 'rejected', 'unreadable', 'config')),
        delivered_at INTEGER,
        receiver_reference TEXT,
        dead_at INTEGER,
        closed_at INTEGER
      ) STRICT;
      CREATE INDEX cases_by_status_seq ON cases (status, seq);
      CREATE INDEX cases_by_status_next ON cases (status, next_attempt_at);
      CREATE INDEX cases_closed ON cases (closed_at) WHERE closed_at IS NOT NULL;

      CREATE TABLE case_payloads (
        case_seq INTEGER PRIMARY KEY REFERENCES cases (seq) ON DELETE CASCADE,
        blob BLOB NOT NULL
      ) STRICT;

      CREATE TABLE staff_actions (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('retry', 'discard')),
        reference TEXT NOT NULL,
        staff_id TEXT NOT NULL
      ) STRICT;
      CREATE INDEX staff_actions_at ON staff_actions (at);
    `);
  },

  /**
   * The visitor's confirmation e-mail: made when the case is delivered (in the same transaction that
   * erases the payload), encrypted like a payload, erased when sent or given up. `cases.confirmation`
   * says in clear only whether one is pending, sent or failed.
   */
  function m002_confirmations(db) {
    db.exec(`
      ALTER TABLE cases ADD COLUMN confirmation TEXT CHECK (confirmation IN ('pending', 'sent', 'failed'));
      CREATE TABLE case_confirmations (
        case_seq INTEGER PRIMARY KEY REFERENCES cases (seq) ON DELETE CASCADE,
        blob BLOB NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        last_error TEXT
      ) STRICT;
      CREATE INDEX case_confirmations_due ON case_confirmations (next_attempt_at);
    `);
  },
];

export class NewerDatabaseError extends Error {
  constructor(file: string, found: number, known: number) {
    super(
      `The case database ${file} is at schema version ${found}, newer than this kiosk knows (${known}). ` +
        'It was written by a newer Kommunkiosk; refusing to open it rather than lose cases. Install that version again.',
    );
    this.name = 'NewerDatabaseError';
  }
}

/** Applies every migration the database has not had yet. Returns the versions before and after. */
export function migrate(db: Database.Database, file: string): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > migrations.length) throw new NewerDatabaseError(file, from, migrations.length);
  for (let version = from + 1; version <= migrations.length; version++) {
    const migration = migrations[version - 1] as Migration;
    db.transaction(() => {
      migration(db);
      db.pragma(`user_version = ${version}`);
    }).immediate();
  }
  return { from, to: migrations.length };
}
