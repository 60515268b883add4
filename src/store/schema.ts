import type { Generated } from "kysely";

/** The tables, as Kysely sees them. Times are epoch milliseconds in both databases. */
export interface EventsTable {
  id: Generated<number>;
  dedupe_key: string;
  source: string;
  source_id: string | null;
  type: string;
  /** As received (shown by the API). */
  recipient: string;
  /**
   * The recipient as suppression addresses are kept (normalizeAddress): what every comparison of
   * recipients uses, so that `anna@xn--mller-kva.de` and `Anna@Müller.de` are one recipient.
   */
  recipient_key: string;
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
  /** When the entry was added or last confirmed through the API; null for automatic entries. */
  manual_at: number | null;
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

/**
 * Daily counts per slice of the events: `all`, or one sending domain, sending IP or tag. The
 * statistics read these for whole days (a year is a few thousand rows, not a million events) and
 * the events themselves only for the partial days at the ends of a range. Empty string and 0 stand
 * for null so that the key can be unique.
 */
export interface RollupsTable {
  day: number;
  slice: string;
  value: string;
  type: string;
  permanence: string;
  category: string;
  error_code: number;
  status_code: string;
  provider: string;
  count: number;
}

/** The dimensions the rollups are sliced by, and the event column of each. */
export const SLICE_DIMENSIONS = [
  ["domain", "sending_domain"],
  ["ip", "sending_ip"],
  ["tag", "tag"],
] as const;

/** Every combination of the dimensions (a slice per combination: `domain`, `domain+ip`, …). */
export const SLICES: readonly (readonly (typeof SLICE_DIMENSIONS)[number][])[] = [1, 2, 3, 4, 5, 6, 7].map(
  (mask) => SLICE_DIMENSIONS.filter((_, i) => mask & (1 << i)),
);

/** Values of several dimensions joined into one rollup `value`. */
export const SLICE_SEPARATOR = "\u0001";

/** The key of a rollup row: the primary key, and the conflict target of the upserts. */
export const ROLLUP_KEY = [
  "slice",
  "value",
  "day",
  "type",
  "permanence",
  "category",
  "error_code",
  "status_code",
  "provider",
] as const satisfies readonly (keyof RollupsTable)[];

/** Tokens a webhook request may use once (Mailgun's), each refused again until it expires. */
export interface OnceTokensTable {
  key: string;
  expires_at: number;
}

export interface Database {
  event_rollups: RollupsTable;
  once_tokens: OnceTokensTable;
  events: EventsTable;
  suppressions: SuppressionsTable;
  api_keys: ApiKeysTable;
  diagnosa_migrations: MigrationsTable;
}
