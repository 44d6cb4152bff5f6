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
  CREATE TABLE merchants (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
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
