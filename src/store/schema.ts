import type { Generated } from "kysely";

/** The tables, as Kysely sees them. Times are epoch milliseconds in both databases. */
export interface EventsTable {
  id: Generated<number>;
  dedupe_key: string;
  source: string;
  source_id: string | null;
  type: string;
  recipient: string;
  recipient_domain: string;
  provider: string | null;
  sender: string | null;
  sending_domain: string | null;
  sending_ip: string | null;
  tag: string | null;
  message_id: string | null;
  category: string | null;
  reason: string | null;
  error_code: number | null;
  status_code: string | null;
  permanence: string | null;
  response: string | null;
  diagnosis: string | null;
  occurred_at: number;
  received_at: number;
}

export interface SuppressionsTable {
  address: string;
  category: string;
  reason: string;
  source: string;
  event_id: number | null;
  failures: number;
  created_at: number;
  updated_at: number;
  expires_at: number | null;
  note: string | null;
}

export interface ApiKeysTable {
  id: string;
  hash: string;
  name: string;
  created_at: number;
  revoked_at: number | null;
}

export interface MigrationsTable {
  version: number;
  name: string;
  applied_at: number;
}

export interface Database {
  events: EventsTable;
  suppressions: SuppressionsTable;
  api_keys: ApiKeysTable;
  diagnosa_migrations: MigrationsTable;
}
