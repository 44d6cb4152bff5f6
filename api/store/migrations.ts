/**
 * Numbered schema migrations, applied in order; PRAGMA user_version records the last one applied.
 * Each record is kept as canonical JSON (`doc`) with the columns the indexes need beside it.
 */
import type Database from 'better-sqlite3';

const MIGRATIONS: string[] = [
  /* 1: stations, merchants, offers, the change version */ `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  INSERT INTO meta (key, value) VALUES ('version', '0');
  CREATE TABLE stations (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    doc TEXT NOT NULL,
    lng REAL NOT NULL,
    lat REAL NOT NULL,
    type INTEGER NOT NULL,
    amenities INTEGER NOT NULL,
    status TEXT NOT NULL,
    hours TEXT,
    tz TEXT,
    version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX stations_version ON stations (version);
  -- covers the start-up scan of every live station, so it never reads the documents
  CREATE INDEX stations_points ON stations (deleted, status, rowid, id, name, lng, lat, amenities, type, hours, tz);
  CREATE TABLE merchants (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    doc TEXT NOT NULL,
    lng REAL NOT NULL,
    lat REAL NOT NULL,
    category INTEGER NOT NULL,
    status TEXT NOT NULL,
    owner_id TEXT,
    hours TEXT,
    tz TEXT,
    version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX merchants_version ON merchants (version);
  CREATE INDEX merchants_owner ON merchants (owner_id);
  CREATE INDEX merchants_points ON merchants (deleted, status, rowid, id, name, lng, lat, category, hours, tz);
  CREATE TABLE offers (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    merchant_id TEXT NOT NULL,
    doc TEXT NOT NULL,
    status TEXT NOT NULL,
    version INTEGER NOT NULL
  );
  CREATE INDEX offers_merchant ON offers (merchant_id);
  `,
  /* 2: accounts, sessions, approvals, audit log; indexes for the review queue */ `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('merchant', 'admin')),
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX sessions_expiry ON sessions (expires_at);
  CREATE TABLE approvals (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    content_key TEXT NOT NULL,
    PRIMARY KEY (kind, id)
  );
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    action TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id TEXT,
    before TEXT,
    after TEXT
  );
  CREATE INDEX audit_target ON audit_log (target_type, target_id);
  CREATE INDEX merchants_status ON merchants (status, version);
  CREATE INDEX offers_status ON offers (status, version);
  `,
  /* 3: problem reports (one row per clientId however often a phone retries) and their triage */ `
  CREATE TABLE reports (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    client_id TEXT NOT NULL UNIQUE,
    target_type TEXT NOT NULL CHECK (target_type IN ('station', 'merchant')),
    target_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    amenity TEXT,
    note TEXT,
    created_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
    resolved_at TEXT,
    resolved_by TEXT,
    resolution_note TEXT,
    applied INTEGER
  );
  CREATE INDEX reports_status ON reports (status);
  CREATE INDEX reports_target ON reports (target_type, target_id, status, kind);
  `,
  /* 4: merchants that were ever public: only their removal is news to a phone (sync must not leak the rest) */ `
  ALTER TABLE merchants ADD COLUMN published INTEGER NOT NULL DEFAULT 0;
  UPDATE merchants SET published = 1
    WHERE status != 'pending' OR id IN (SELECT id FROM approvals WHERE kind = 'merchant');
  `,
];

/** Brings a database up to the newest schema inside one transaction per migration. */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
