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
  /* 4: station notices' windows beside the document (few rows: a partial index), station operators, who reported */ `
  ALTER TABLE stations ADD COLUMN notices TEXT;
  CREATE INDEX stations_notices ON stations (rowid, notices) WHERE notices IS NOT NULL AND deleted = 0;
  CREATE TABLE station_operators (
    account_id TEXT NOT NULL REFERENCES users (id),
    station_id TEXT NOT NULL,
    granted_at TEXT NOT NULL,
    granted_by TEXT NOT NULL,
    PRIMARY KEY (account_id, station_id)
  );
  CREATE INDEX station_operators_station ON station_operators (station_id);
  ALTER TABLE reports ADD COLUMN reporter TEXT;
  CREATE INDEX reports_confirmed ON reports (target_id, kind, reporter, created_at);
  `,
  /* 5: union membership — applications (personal data: member and admins only), members, cards, revocations */ `
  CREATE TABLE membership_applications (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL REFERENCES users (id),
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    doc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    reviewed_at TEXT,
    reviewed_by TEXT,
    reason TEXT
  );
  -- one open application per account, however requests race
  CREATE UNIQUE INDEX membership_applications_open ON membership_applications (user_id) WHERE status = 'pending';
  CREATE INDEX membership_applications_status ON membership_applications (status, seq);
  CREATE INDEX membership_applications_user ON membership_applications (user_id, seq);
  CREATE TABLE members (
    user_id TEXT PRIMARY KEY REFERENCES users (id),
    application_id TEXT NOT NULL,
    name TEXT NOT NULL,
    org TEXT NOT NULL,
    since TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended'))
  );
  CREATE TABLE member_cards (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
    created_at TEXT NOT NULL,
    token TEXT,
    issued_at TEXT,
    expires_at TEXT,
    revoked_at TEXT,
    revoked_by TEXT,
    reason TEXT
  );
  CREATE UNIQUE INDEX member_cards_active ON member_cards (user_id) WHERE status = 'active';
  CREATE TABLE card_revocations (
    version INTEGER PRIMARY KEY AUTOINCREMENT,
    card_id TEXT NOT NULL UNIQUE,
    at TEXT NOT NULL
  );
  `,
  /* 6: merchants that were ever public: only their removal is news to a phone (sync must not leak the rest) */ `
  ALTER TABLE merchants ADD COLUMN published INTEGER NOT NULL DEFAULT 0;
  UPDATE merchants SET published = 1
    WHERE status != 'pending' OR id IN (SELECT id FROM approvals WHERE kind = 'merchant');
  `,
  /* 7: member offer redemptions (one row per clientId however often a merchant's phone retries) */ `
  CREATE TABLE redemptions (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    client_id TEXT NOT NULL UNIQUE,
    content_key TEXT NOT NULL,
    card_id TEXT NOT NULL,
    offer_id TEXT NOT NULL,
    merchant_id TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    period TEXT NOT NULL,
    flagged INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX redemptions_limit ON redemptions (card_id, offer_id, period);
  `,
  /* 8: union benefits and their uses (at most one per member: the UNIQUE constraint decides) */ `
  CREATE TABLE benefits (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    doc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
  );
  CREATE TABLE benefit_uses (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    client_id TEXT NOT NULL UNIQUE,
    benefit_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    card_id TEXT NOT NULL,
    merchant_id TEXT NOT NULL,
    at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    UNIQUE (benefit_id, user_id)
  );
  CREATE INDEX benefit_uses_user ON benefit_uses (user_id);
  `,
  /* 9: rate-limit events (sign-in, sign-up, reports), shared by every process on the database */ `
  CREATE TABLE rate_events (
    seq INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    at INTEGER NOT NULL,
    expires INTEGER NOT NULL
  );
  CREATE INDEX rate_events_key ON rate_events (key, at);
  CREATE INDEX rate_events_expires ON rate_events (expires);
  `,
  /* 10: the few stations with notices, found without reading every row (the index read asks at each rebuild) */ `
  CREATE INDEX stations_with_notices ON stations (deleted) WHERE notices IS NOT NULL;
  `,
  /* 11: wrong passwords tried at sign-in since the account's last successful one (told to the owner) */ `
  ALTER TABLE users ADD COLUMN failed_sign_ins INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE users ADD COLUMN last_failed_sign_in_at TEXT;
  `,
  /* 12: the stations counted by a skinny index (over stations_points, 400 k took 0.1 s on the event loop; this ≈ 8 ms) */ `
  CREATE INDEX stations_live ON stations (deleted);
  `,
  /* 13: a temporary closure's last day, so the once-a-minute reopen check finds the few closures with one by an index (it
     read every temporarily closed station's document: 11.8 k of 400 k, ~0.46 s on the event loop each minute). Generated
     from the document, so no writer (an older process during an upgrade included) can leave it out; null unless closed. */ `
  ALTER TABLE stations ADD COLUMN closed_until TEXT
    GENERATED ALWAYS AS (CASE WHEN status = 'temporarily_closed' THEN json_extract(doc, '$.closed_until') END) VIRTUAL;
  CREATE INDEX stations_closing ON stations (deleted) WHERE closed_until IS NOT NULL;
  `,
];

/** Brings a database up to the newest schema (or to `upTo`: a test's older file) inside one transaction per migration. */
export function migrate(db: Database.Database, upTo = MIGRATIONS.length): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let v = current; v < upTo; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
