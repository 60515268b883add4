import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { type Kysely, type RawBuilder, type Selectable, sql } from "kysely";
import type { Category } from "../catalog/types.js";
import {
  type ClassifiedEvent,
  EVENT_MAX_LENGTH,
  eventProvider,
  isRecipientAddress,
  normalizeAddress,
  senderDomain,
} from "../ingest/event.js";
import { type Db, openDb } from "./db.js";
import type { Dialect } from "./migrations.js";
import { type Database, type EventsTable, ROLLUP_KEY, SLICE_SEPARATOR, SLICES } from "./schema.js";

/** When repeated soft failures of the recipient's own kind make an address suppressed. */
export interface SuppressionPolicy {
  /** `inbox` failures (disabled, inactive, unavailable) within the window that suppress. */
  inboxFailures: number;
  /** `inbox_full` failures within the window that suppress. */
  inboxFullFailures: number;
  windowMs: number;
  /** How long a suppression for soft failures lasts; invalid addresses and complaints do not expire. */
  softExpiryMs: number;
}

export const DEFAULT_POLICY: SuppressionPolicy = {
  inboxFailures: 3,
  inboxFullFailures: 5,
  windowMs: 30 * 86400_000,
  softExpiryMs: 90 * 86400_000,
};

export interface StoredEvent extends ClassifiedEvent {
  id: number;
  receivedAt: string;
}

/**
 * A filter's value for "unknown": `provider: "none"` is the events without a provider,
 * `errorCode: "none"` and `statusCode: "none"` those without that code.
 */
export const NONE = "none";

export interface EventFilter {
  from?: number;
  to?: number;
  type?: string;
  category?: string;
  recipient?: string;
  recipientDomain?: string;
  /** A provider id, or `none` (NONE): the events whose provider is not known. */
  provider?: string;
  sendingDomain?: string;
  sendingIp?: string;
  tag?: string;
  /** An SMTP reply code, or `none`: the events without one. */
  errorCode?: number | typeof NONE;
  /** An enhanced status code (`5.1.1`), or `none`: the events without one. */
  statusCode?: string;
}

/**
 * Filters on the outcome rather than on the message (type, category, codes): they leave out
 * deliveries, or keep only them, so the rates over what they leave (delivery rate, permanent bounce
 * rate) do not mean anything and are null.
 */
export function isOutcomeFilter(f: EventFilter): boolean {
  return Boolean(f.type || f.category || f.errorCode !== undefined || f.statusCode);
}

/** The filter with NUL characters dropped from its texts, as they are from the texts stored. */
function cleanFilter<F extends EventFilter>(f: F): F {
  const out = { ...f };
  for (const k of Object.keys(out) as (keyof F)[])
    if (typeof out[k] === "string") out[k] = text(out[k] as string) as F[keyof F];
  return out;
}

export const GROUP_COLUMNS = {
  category: "category",
  errorCode: "error_code",
  statusCode: "status_code",
  provider: "provider",
  sendingDomain: "sending_domain",
  sendingIp: "sending_ip",
  tag: "tag",
  recipientDomain: "recipient_domain",
} as const;
export type GroupBy = keyof typeof GROUP_COLUMNS | "bucket";
const BACK: Record<string, string> = Object.fromEntries(
  Object.entries(GROUP_COLUMNS).map(([k, v]) => [v, k]),
);

export interface Suppression {
  address: string;
  category: string;
  reason: string;
  source: string;
  eventId: number | null;
  failures: number;
  createdAt: string;
  updatedAt: string;
  expiresAt: string | null;
  note: string | null;
  /** When it was added or last confirmed through the API; null for an entry only ever automatic. */
  manualAt: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();
const DAY = 86400_000;

/** Sender-side causes: the sender's to fix, never a reason to stop mailing a good address. */
const SENDER_SIDE = new Set<Category>(["blocked", "dmarc", "sender_reputation", "rate_limit"]);

/**
 * The longest key kept as written: a source and a source id as POST /v1/events takes them. A
 * longer one (a library caller's) is kept as its digest: PostgreSQL's unique index refuses a key
 * over about 2,700 bytes, and the event would fail to store however often it came again.
 */
const MAX_PLAIN_KEY = EVENT_MAX_LENGTH.source + 1 + EVENT_MAX_LENGTH.sourceId;

export function dedupeKey(e: ClassifiedEvent): string {
  if (e.sourceId) {
    const key = `${e.source}:${e.sourceId}`;
    return key.length <= MAX_PLAIN_KEY ? key : `k:${createHash("sha256").update(key).digest("base64url")}`;
  }
  // The instant, not its spelling: "10:00:00Z", "10:00:00.000Z" and "12:00:00+02:00" are one time.
  const at = Date.parse(e.timestamp);
  return contentKey(e, Number.isFinite(at) ? new Date(at).toISOString() : e.timestamp);
}

/**
 * The key an event without a source id had before times were compared as instants (its time as
 * written), when that differs from today's: an event stored then and sent again is still one.
 */
export function legacyDedupeKey(e: ClassifiedEvent): string | null {
  if (e.sourceId) return null;
  const key = contentKey(e, e.timestamp);
  return key === dedupeKey(e) ? null : key;
}

function contentKey(e: ClassifiedEvent, time: string): string {
  const h = createHash("sha256");
  h.update([e.type, e.recipient.toLowerCase(), e.messageId ?? "", time, e.response ?? ""].join("\u0000"));
  return `h:${h.digest("base64url")}`;
}

export class Store {
  readonly db: Kysely<Database>;

  private constructor(
    private readonly handle: Db,
    readonly policy: SuppressionPolicy,
  ) {
    this.db = handle.kysely;
  }

  static async open(url: string, policy: SuppressionPolicy = DEFAULT_POLICY): Promise<Store> {
    return new Store(await openDb(url), policy);
  }

  get dialect() {
    return this.handle.dialect;
  }
  get location() {
    return this.handle.location;
  }

  close(): Promise<void> {
    return this.handle.close();
  }

  /**
   * Runs `fn` in a transaction, again (up to 5 times, after a short random pause) when PostgreSQL
   * ends it as a deadlock victim or a serialization failure: concurrent batches can still meet in
   * an order no sort removes, and the caller should not lose its batch to it. Everything `fn` did
   * was rolled back, so running it again is safe.
   */
  private async transact<T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction().execute(fn);
      } catch (e) {
        const code = (e as { code?: unknown }).code;
        if (attempt >= 5 || (code !== "40P01" && code !== "40001")) throw e;
        await new Promise((resolve) => setTimeout(resolve, attempt * (5 + Math.random() * 20)));
      }
    }
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  /**
   * Stores events, each once (a repeat of the same event is a duplicate, not a second row), and
   * applies the suppression policy, all in one transaction: when this returns, it is committed.
   * With `once`, the request's token is used up in the same transaction: a token already used and
   * not expired throws TokenUsedError and stores nothing (every process on the database sees it).
   *
   * `unlistable` are the recipients the policy would have suppressed but skipped because they are
   * no suppression key once normalised (lower-casing `İ` lengthens an address past 320
   * characters): an entry for one could be neither looked up nor removed through the API.
   */
  async insertEvents(
    events: ClassifiedEvent[],
    now = Date.now(),
    once?: { key: string; expiresAt: number },
  ): Promise<{ inserted: number; duplicates: number; stored: ClassifiedEvent[]; unlistable: string[] }> {
    if (!events.length && !once) return { inserted: 0, duplicates: 0, stored: [], unlistable: [] };
    const rows = events.map((e) => toRow(e, now));
    return this.transact(async (trx) => {
      if (once) await useToken(trx, once, now);
      const inserted: { id: number; dedupe_key: string }[] = [];
      // Events stored under their key of before (their time as written) are duplicates too.
      const legacy = new Map<string, number[]>();
      events.forEach((e, i) => {
        const k = legacyDedupeKey(e);
        if (k) legacy.set(k, [...(legacy.get(k) ?? []), i]);
      });
      const stale = new Set<number>();
      const legacyKeys = [...legacy.keys()];
      for (let i = 0; i < legacyKeys.length; i += 500) {
        const found = await trx
          .selectFrom("events")
          .select("dedupe_key")
          .where("dedupe_key", "in", legacyKeys.slice(i, i + 500))
          .execute();
        for (const f of found) for (const i of legacy.get(f.dedupe_key)!) stale.add(i);
      }
      const fresh = stale.size ? rows.filter((_, i) => !stale.has(i)) : rows;
      for (let i = 0; i < fresh.length; i += 200) {
        const chunk = fresh.slice(i, i + 200);
        const got = await trx
          .insertInto("events")
          .values(chunk)
          .onConflict((oc) => oc.column("dedupe_key").doNothing())
          .returning(["id", "dedupe_key"])
          .execute();
        inserted.push(...got);
      }
      // A key twice in one batch: the database keeps the first, so the policy and rollups must too.
      const byKey = new Map<string, number>();
      rows.forEach((r, i) => {
        if (!byKey.has(r.dedupe_key)) byKey.set(r.dedupe_key, i);
      });
      const counted: Omit<EventsTable, "id">[] = [];
      const stored: ClassifiedEvent[] = [];
      const policy: [number, number][] = [];
      for (const row of inserted) {
        const i = byKey.get(row.dedupe_key);
        if (i === undefined) continue;
        counted.push(rows[i]!);
        stored.push(events[i]!);
        policy.push([i, row.id]);
      }
      // By address (each address's events in batch order): concurrent batches lock suppressions in
      // one order, not each in its own (PostgreSQL would see a deadlock).
      const addressOf = (i: number) => rows[i]!.recipient_key;
      policy.sort(([a], [b]) => (addressOf(a) < addressOf(b) ? -1 : addressOf(a) > addressOf(b) ? 1 : a - b));
      // The key of the recipient as stored (NUL characters dropped): the suppression and the
      // events agree.
      const unlistable: string[] = [];
      for (const [i, id] of policy)
        if (!(await this.applyPolicy(trx, events[i]!, rows[i]!.recipient_key, id, now)))
          unlistable.push(rows[i]!.recipient);
      await liftByDeliveries(
        trx,
        counted.filter((r) => r.type === "delivered").map((r) => r.recipient_key),
      );
      await addToRollups(trx, counted);
      return { inserted: inserted.length, duplicates: rows.length - inserted.length, stored, unlistable };
    });
  }

  /**
   * Suppresses the event's recipient (`address`: its key, as stored) when the policy says so. False
   * when it would have, but the key is no suppression address: skipped, as addSuppression refuses it.
   */
  private async applyPolicy(
    trx: Kysely<Database>,
    e: ClassifiedEvent,
    address: string,
    eventId: number,
    now: number,
  ): Promise<boolean> {
    const d = e.diagnosis;
    if (e.type === "complaint") {
      return this.suppress(
        trx,
        { address, category: "complaint", reason: "complaint", source: e.source, eventId, expiresAt: null },
        now,
      );
    }
    if (!d || (e.type !== "bounce" && e.type !== "deferred")) return true;
    if (SENDER_SIDE.has(d.category)) return true;
    // An address that does not exist, or a mailbox the receiver says is gone for good (Gmail's
    // DisabledUser, OverQuotaPerm: permanence hard, action suppress), is suppressed at once; so is
    // an address the sending provider gave up on for good without naming why (SES's Permanent
    // General bounce: unknown, hard, suppress; the engine alone never gives unknown that action).
    const goneForGood =
      (d.category === "inbox" || d.category === "inbox_full" || d.category === "unknown") &&
      d.permanence === "hard" &&
      d.action.type === "suppress";
    if (
      e.type === "bounce" &&
      ((d.category === "invalid_address" && !d.reason.startsWith("rejection.")) || goneForGood)
    ) {
      return this.suppress(
        trx,
        { address, category: d.category, reason: d.reason, source: e.source, eventId, expiresAt: null },
        now,
      );
    }
    if (d.category === "inbox" || d.category === "inbox_full") {
      const limit = d.category === "inbox" ? this.policy.inboxFailures : this.policy.inboxFullFailures;
      const since = now - this.policy.windowMs;
      // Failures of distinct messages: five retries of one message are one failure, not five. A
      // delivery to the address resets the count: only failures after the last one add up.
      const row = await trx
        .selectFrom("events")
        .select(sql<number>`count(distinct ${messageKey(this.dialect)})`.as("n"))
        .where("recipient_key", "=", address)
        // Failures only: an auto-reply ("this account is disabled") carries a category too, but
        // the message was delivered.
        .where("type", "in", ["bounce", "deferred"])
        .where("category", "=", d.category)
        .where("occurred_at", ">=", since)
        .where(
          "occurred_at",
          ">",
          sql<number>`coalesce((select max(occurred_at) from events where recipient_key = ${address} and type = 'delivered'), ${-1})`,
        )
        .executeTakeFirst();
      const failures = Number(row?.n ?? 0);
      if (failures >= limit) {
        return this.suppress(
          trx,
          {
            address,
            category: d.category,
            reason: d.reason,
            source: e.source,
            eventId,
            expiresAt: now + this.policy.softExpiryMs,
            failures,
          },
          now,
        );
      }
    }
    return true;
  }

  /**
   * Writes an automatic suppression (one an event caused) unless it would weaken the entry in
   * force: a manual entry stays as it is unless it expires and the new one is permanent; a
   * permanent one stays unless the new one is permanent too; of two expiring ones, the later
   * expiry stays. The entry that stays keeps its own category,
   * reason and event (the why). False, and nothing written, when the address is no suppression key
   * (see insertEvents' `unlistable`).
   */
  private async suppress(
    trx: Kysely<Database>,
    s: {
      address: string;
      category: string;
      reason: string;
      source: string;
      eventId: number;
      expiresAt: number | null;
      failures?: number;
    },
    now: number,
  ): Promise<boolean> {
    if (!isRecipientAddress(s.address)) return false;
    await dropExpired(trx, s.address, now);
    await trx
      .insertInto("suppressions")
      .values({
        address: s.address,
        category: s.category,
        reason: s.reason,
        source: s.source,
        event_id: s.eventId,
        failures: s.failures ?? 1,
        created_at: now,
        updated_at: now,
        expires_at: s.expiresAt,
        note: null,
        manual_at: null,
      })
      .onConflict((oc) =>
        oc
          .column("address")
          .doUpdateSet({
            category: s.category,
            reason: s.reason,
            source: s.source,
            event_id: s.eventId,
            failures: s.failures ?? 1,
            updated_at: now,
            expires_at: s.expiresAt,
            manual_at: null,
          })
          .where((eb) =>
            eb.or([
              eb.and([
                eb("suppressions.manual_at", "is", null),
                // A permanent entry (expires_at null) fails `<=`: only a permanent one replaces it.
                ...(s.expiresAt === null ? [] : [eb("suppressions.expires_at", "<=", s.expiresAt)]),
              ]),
              // A manual pause, and a permanent failure (a complaint, a hard bounce during the
              // pause): it must still hold once the pause is over. The note stays. An expiring one
              // (a full mailbox) does not take a pause over: a delivery would lift it, pause and all.
              ...(s.expiresAt === null
                ? [
                    eb.and([
                      eb("suppressions.manual_at", "is not", null),
                      eb("suppressions.expires_at", "is not", null),
                    ]),
                  ]
                : []),
            ]),
          ),
      )
      .execute();
    return true;
  }

  /**
   * Adds an address through the API, or confirms the entry in force for it. A new entry is a
   * "manual" one (`reason` null: "manual"; `expiresAt` null: permanent). Over an entry in force,
   * only what is given changes: `note` and `expiresAt` when not null, `reason` when not null and
   * the entry is a manual one; an automatic entry keeps its category, reason, source and event.
   * Either way the entry is marked manual (`manualAt`), so no automatic suppression replaces it,
   * but for a permanent one over an expiring manual entry (see `suppress`).
   *
   * The address is kept trimmed and lower-cased: one that is not an address once so (a control
   * character, over 320 characters: lower-casing can lengthen it) is a RangeError. NUL characters
   * are dropped from `reason` and `note`, as from every text stored.
   */
  async addSuppression(
    address: string,
    reason: string | null,
    note: string | null,
    expiresAt: number | null,
    now = Date.now(),
  ): Promise<Suppression> {
    const a = normalizeAddress(wellFormed(address));
    if (!isRecipientAddress(a))
      throw new RangeError(
        `the address must be an email address of at most ${EVENT_MAX_LENGTH.recipient} characters once lower-cased, without white space or control characters`,
      );
    const why = text(reason);
    const said = text(note);
    const row = await this.transact(async (trx) => {
      await dropExpired(trx, a, now);
      await trx
        .insertInto("suppressions")
        .values({
          address: a,
          category: "manual",
          reason: why ?? "manual",
          source: "api",
          event_id: null,
          failures: 1,
          created_at: now,
          updated_at: now,
          expires_at: expiresAt,
          note: said,
          manual_at: now,
        })
        .onConflict((oc) =>
          oc.column("address").doUpdateSet((eb) => ({
            updated_at: now,
            manual_at: now,
            ...(said !== null ? { note: said } : {}),
            ...(expiresAt !== null ? { expires_at: expiresAt } : {}),
            ...(why !== null
              ? {
                  reason: eb
                    .case()
                    .when("suppressions.category", "=", "manual")
                    .then(why)
                    .else(eb.ref("suppressions.reason"))
                    .end(),
                }
              : {}),
          })),
        )
        .execute();
      // The entry as written (even with an `expiresAt` already past, when it is not in force).
      return trx.selectFrom("suppressions").selectAll().where("address", "=", a).executeTakeFirstOrThrow();
    });
    return toSuppression(row);
  }

  /**
   * Removes the entry of an address; whether one was in force. An expired entry counts as none: it
   * is removed too, but the answer is false, as for an address never listed.
   */
  async removeSuppression(address: string, now = Date.now()): Promise<boolean> {
    const removed = await this.db
      .deleteFrom("suppressions")
      .where("address", "=", normalizeAddress(text(address)))
      .returning("expires_at")
      .execute();
    return removed.some((r) => r.expires_at === null || Number(r.expires_at) > now);
  }

  /** The suppression in force for an address, or null (expired entries do not count). */
  async getSuppression(address: string, now = Date.now()): Promise<Suppression | null> {
    const row = await this.db
      .selectFrom("suppressions")
      .selectAll()
      .where("address", "=", normalizeAddress(text(address)))
      .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now)]))
      .executeTakeFirst();
    return row ? toSuppression(row) : null;
  }

  async listSuppressions(
    q: { search?: string; limit: number; after?: string },
    now = Date.now(),
  ): Promise<{ items: Suppression[]; next: string | null }> {
    let query = this.db
      .selectFrom("suppressions")
      .selectAll()
      .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now)]))
      .orderBy("address")
      .limit(q.limit + 1);
    // NUL characters dropped, as from the addresses stored.
    const search = text(q.search);
    const after = text(q.after);
    if (search) {
      // The term in the form addresses are stored in (lower-cased, NFC, a punycode domain as
      // Unicode), then as written: LIKE's wildcards % and _ and the escape character are escaped.
      const term = normalizeAddress(search).replace(/[\\%_]/g, (c) => `\\${c}`);
      query = query.where(sql<boolean>`address like ${`%${term}%`} escape '\\'`);
    }
    if (after) query = query.where("address", ">", after);
    const rows = await query.execute();
    const items = rows.slice(0, q.limit).map(toSuppression);
    return { items, next: rows.length > q.limit ? items[items.length - 1]!.address : null };
  }

  async listEvents(
    filter: EventFilter & { limit: number; before?: number },
  ): Promise<{ items: StoredEvent[]; next: number | null }> {
    const f = cleanFilter(filter);
    let q = this.filtered(f)
      .selectAll()
      .orderBy("id", "desc")
      .limit(f.limit + 1);
    if (f.before !== undefined) q = q.where("id", "<", f.before);
    const rows = await q.execute();
    const items = rows.slice(0, f.limit).map(fromRow);
    return { items, next: rows.length > f.limit ? items[items.length - 1]!.id : null };
  }

  private filtered(f: EventFilter) {
    let q = this.db.selectFrom("events");
    if (f.from !== undefined) q = q.where("occurred_at", ">=", f.from);
    if (f.to !== undefined) q = q.where("occurred_at", "<", f.to);
    if (f.type) q = q.where("type", "=", f.type);
    if (f.category) q = q.where("category", "=", f.category);
    // However the address is written: compared as suppression addresses are kept.
    if (f.recipient) q = q.where("recipient_key", "=", normalizeAddress(f.recipient));
    if (f.recipientDomain) q = q.where("recipient_domain", "=", f.recipientDomain.toLowerCase());
    if (f.provider === NONE) q = q.where("provider", "is", null);
    else if (f.provider) q = q.where("provider", "=", f.provider);
    if (f.sendingDomain) q = q.where("sending_domain", "=", f.sendingDomain.toLowerCase());
    if (f.sendingIp) q = q.where("sending_ip", "=", f.sendingIp);
    if (f.tag) q = q.where("tag", "=", f.tag);
    if (f.errorCode === NONE) q = q.where("error_code", "is", null);
    else if (f.errorCode !== undefined) q = q.where("error_code", "=", f.errorCode);
    if (f.statusCode === NONE) q = q.where("status_code", "is", null);
    else if (f.statusCode) q = q.where("status_code", "=", f.statusCode);
    return q;
  }

  /**
   * Counts over a filtered range: totals (sent, delivered, delivery rate, bounces, permanent
   * bounces and their rate, deferrals, complaints) and failures grouped by the given columns.
   *
   * Time buckets (`bucketMs`) are cut in the time zone `tzOffsetMinutes` east of UTC (420 for
   * UTC+07:00, -300 for UTC-05:00): a day bucket starts at that zone's midnight, a week bucket at
   * its midnight on Mondays (ISO 8601 weeks), an hour bucket at its whole hour. Each bucket is labelled with the UTC instant it starts at. The daily rollups are UTC days:
   * with an offset other than 0, day buckets are counted from the events, week buckets from the
   * rollups for the UTC days that lie inside one week and from the events for the others (the day
   * a week starts in, the partial days at the ends of the range); totals without buckets do not
   * depend on the offset.
   *
   * A range (`from` and `to`) of more than MAX_BUCKETS buckets throws a TooManyBucketsError.
   *
   * Under an outcome filter (type, category, error or status code: `isOutcomeFilter`) the rates
   * (`deliveryRate`, `permanentBounceRate`) are null: deliveries have no category, so what such a
   * filter leaves is not what was sent.
   */
  async stats(
    f: EventFilter,
    groupBy: GroupBy[],
    bucketMs: number | null,
    limit = 500,
    useRollups = true,
    tzOffsetMinutes = 0,
  ) {
    return this.summarize(f, groupBy, bucketMs, limit, useRollups, tzOffsetMinutes, true);
  }

  /**
   * Failures (bounces and deferrals) per time bucket and category, for the dashboard's chart: the
   * groups `stats(f, ["bucket", "category"], …)` gives, every bucket, without the totals. Cheaper
   * when the events are read (local day and week buckets, hours): grouped by type and category
   * only, which the statistics index covers, not by permanence, which it does not.
   */
  async timeline(
    f: EventFilter,
    bucketMs: number,
    tzOffsetMinutes = 0,
    limit = 100_000,
    useRollups = true,
  ): Promise<Record<string, unknown>[]> {
    return (
      await this.summarize(f, ["bucket", "category"], bucketMs, limit, useRollups, tzOffsetMinutes, false)
    ).groups;
  }

  private async summarize(
    filter: EventFilter,
    groupBy: GroupBy[],
    bucketMs: number | null,
    limit: number,
    useRollups: boolean,
    tzOffsetMinutes: number,
    withTotals: boolean,
  ) {
    const f = cleanFilter(filter);
    if (!Number.isInteger(tzOffsetMinutes) || Math.abs(tzOffsetMinutes) > MAX_TZ_OFFSET_MINUTES)
      throw new RangeError(
        `tzOffsetMinutes must be a whole number from -${MAX_TZ_OFFSET_MINUTES} to ${MAX_TZ_OFFSET_MINUTES}`,
      );
    // Refused before any query: the answer grows with the number of buckets. A range open at one
    // end has only the buckets its events fall in.
    if (bucketMs && f.from !== undefined && f.to !== undefined) {
      const buckets = bucketCount(f.from, f.to, bucketMs, tzOffsetMinutes);
      if (buckets > MAX_BUCKETS) throw new TooManyBucketsError(buckets, bucketMs, f.from, f.to);
    }
    // Grouped by type, permanence and category plus what was asked; the totals and the failure
    // groups are both summed from those rows. Whole days come from the daily rollups when the
    // question fits them, the rest (and any other question) from the events.
    const cols = groupBy
      .filter((g): g is keyof typeof GROUP_COLUMNS => g !== "bucket")
      .map((g) => GROUP_COLUMNS[g]);
    const offsetMs = bucketMs ? alignmentMs(bucketMs, tzOffsetMinutes) : 0;
    const bucketExpr = bucketMs ? bucketStart(sql.raw("occurred_at"), bucketMs, offsetMs) : null;
    const rows: Record<string, unknown>[] = [];
    // Without the totals, the events are read for the failure groups only (no permanence).
    const events = (q: EventFilter, days?: DaySeries) =>
      this.eventRows(q, cols, bucketExpr, withTotals, days);
    const rollup = useRollups ? rollupPlan(f, cols, bucketMs, offsetMs) : null;
    // Buckets of several days in a zone other than UTC (local weeks): the UTC days inside a bucket
    // can still come from the rollups; only the days a bucket starts in (cut at local midnight) and
    // the partial days at the ends of the range are read from the events.
    const cutPlan =
      !rollup &&
      useRollups &&
      bucketMs !== null &&
      bucketMs > DAY &&
      f.from !== undefined &&
      f.to !== undefined
        ? rollupPlan(f, cols, bucketMs, 0)
        : null;
    if (rollup) {
      const from = f.from === undefined ? undefined : Math.ceil(f.from / DAY) * DAY;
      const to = f.to === undefined ? undefined : Math.floor(f.to / DAY) * DAY;
      if (from === undefined || to === undefined || from < to) {
        rows.push(...(await this.rollupRows(f, rollup, cols, bucketMs, from, to, offsetMs)));
        // The partial days at the ends of the range, from the events.
        if (f.from !== undefined && from !== undefined && f.from < from) {
          rows.push(...(await events({ ...f, to: Math.min(from, f.to ?? from) })));
        }
        if (f.to !== undefined && to !== undefined && to < f.to) {
          rows.push(...(await events({ ...f, from: Math.max(to, f.from ?? to) })));
        }
      } else {
        rows.push(...(await events(f)));
      }
    } else if (cutPlan && f.from !== undefined && f.to !== undefined && bucketMs !== null) {
      const from = Math.ceil(f.from / DAY) * DAY;
      const to = Math.floor(f.to / DAY) * DAY;
      if (from < to) {
        // The UTC days that hold a bucket's start (k * bucketMs - offset, never a UTC midnight
        // here) come every bucketMs from the first one: left out of the rollups, read from the
        // events in one query.
        const first = Math.floor((Math.ceil((from + offsetMs) / bucketMs) * bucketMs - offsetMs) / DAY) * DAY;
        const cut: DaySeries = { first, every: bucketMs, until: to };
        rows.push(...(await this.rollupRows(f, cutPlan, cols, bucketMs, from, to, offsetMs, cut)));
        const reads: Promise<Record<string, unknown>[]>[] = [];
        if (first < to) reads.push(events(f, cut));
        // The partial days at the ends of the range.
        if (f.from < from) reads.push(events({ ...f, to: from }));
        if (to < f.to) reads.push(events({ ...f, from: to }));
        for (const got of await Promise.all(reads)) rows.push(...got);
      } else {
        rows.push(...(await events(f)));
      }
    } else {
      rows.push(...(await events(f)));
    }
    const n = (v: unknown) => Number(v ?? 0);
    const t = { events: 0, delivered: 0, bounces: 0, permanent: 0, deferred: 0, complaints: 0, blocked: 0 };
    const groups = new Map<string, Record<string, unknown>>();
    for (const r of rows) {
      const count = n(r.count);
      t.events += count;
      if (r.type === "delivered") t.delivered += count;
      else if (r.type === "bounce") {
        t.bounces += count;
        if (r.permanence === "hard") t.permanent += count;
      } else if (r.type === "deferred") t.deferred += count;
      else if (r.type === "complaint") t.complaints += count;
      if (r.category === "blocked") t.blocked += count;
      if (r.type !== "bounce" && r.type !== "deferred") continue;
      const key = JSON.stringify([...cols.map((c) => r[c] ?? null), bucketExpr ? n(r.bucket) : null]);
      const g = groups.get(key);
      if (g) g.count = n(g.count) + count;
      else {
        const out: Record<string, unknown> = {};
        for (const c of cols) out[BACK[c]!] = r[c] ?? null;
        if (bucketExpr) out.bucket = iso(n(r.bucket));
        out.count = count;
        groups.set(key, out);
      }
    }
    const failures = t.bounces + t.deferred;
    const sent = t.delivered + t.bounces;
    const sorted = [...groups.values()].sort((a, b) => n(b.count) - n(a.count)).slice(0, limit);
    for (const g of sorted) g.share = failures ? n(g.count) / failures : 0;
    const rates = sent > 0 && !isOutcomeFilter(f);
    return {
      totals: {
        events: t.events,
        sent,
        delivered: t.delivered,
        deliveryRate: rates ? t.delivered / sent : null,
        bounces: t.bounces,
        permanentBounces: t.permanent,
        permanentBounceRate: rates ? t.permanent / sent : null,
        deferred: t.deferred,
        complaints: t.complaints,
        blocked: t.blocked,
      },
      groups: sorted,
    };
  }

  private async eventRows(
    f: EventFilter,
    cols: string[],
    bucketExpr: RawBuilder<number> | null,
    withTotals = true,
    /** Only the events of these UTC days (instead of the range of `f`). */
    days?: DaySeries,
  ) {
    const all = [...new Set([...(withTotals ? ["type", "permanence"] : ["type"]), "category", ...cols])];
    // With days, they alone bound the time: given the range's bounds as well, SQLite seeks by
    // those (the whole range, once per day) and PostgreSQL may loop over the days for each event.
    let base = this.filtered(days ? { ...f, from: undefined, to: undefined } : f);
    if (!withTotals) base = base.where("type", "in", ["bounce", "deferred"]);
    if (days) {
      // A generated list of days joined to the events: each day reads its own index range, with
      // no bound variable per day (the database puts the few days in the outer loop). The join
      // adds no column the query selects: the builder's type stays that of the events.
      const b = sql.lit(days.every);
      const list = sql<{ day: number }>`(with recursive d(day) as (
          select ${sql.lit(days.first)} union all select day + ${b} from d where day + ${b} < ${sql.lit(days.until)}
        ) select day from d)`;
      base = base.innerJoin(list.as("days"), (j) =>
        j.on(sql<boolean>`occurred_at >= days.day and occurred_at < days.day + ${sql.lit(DAY)}`),
      ) as unknown as typeof base;
    }
    let q = base.select([
      ...all.map((c) => sql.ref(c).as(c)),
      ...(bucketExpr ? [bucketExpr.as("bucket")] : []),
      (eb) => eb.fn.countAll<number>().as("count"),
    ]);
    for (const c of all) q = q.groupBy(sql.ref(c) as never);
    if (bucketExpr) q = q.groupBy(bucketExpr as never);
    return (await q.execute()) as Record<string, unknown>[];
  }

  private async rollupRows(
    f: EventFilter,
    plan: { slice: string; value: string },
    cols: string[],
    bucketMs: number | null,
    from: number | undefined,
    to: number | undefined,
    offsetMs = 0,
    /** Days left out (read from the events instead): the days a bucket boundary cuts in two. */
    except?: DaySeries,
  ) {
    const all = [...new Set(["type", "permanence", "category", ...cols])];
    // Asked only for days that lie whole in one bucket (UTC buckets of whole days, or every day
    // but those in `except`): the bucket of a day's start is the bucket of the whole day.
    const bucket = bucketMs ? bucketStart(sql.raw("day"), bucketMs, offsetMs) : null;
    let q = this.db
      .selectFrom("event_rollups")
      .where("slice", "=", plan.slice)
      .where("value", "=", plan.value)
      .select([
        ...all.map((c) => sql.ref(c).as(c)),
        ...(bucket ? [bucket.as("bucket")] : []),
        (eb) => eb.fn.sum<number>("count").as("count"),
      ]);
    if (from !== undefined) q = q.where("day", ">=", from);
    if (to !== undefined) q = q.where("day", "<", to);
    // Every `except.every` from `except.first` (no day before `first` in the range is one of them).
    if (except) q = q.where(sql<boolean>`(day - ${sql.lit(except.first)}) % ${sql.lit(except.every)} <> 0`);
    if (f.type) q = q.where("type", "=", f.type);
    if (f.category) q = q.where("category", "=", f.category);
    // The rollups write "" and 0 for null.
    if (f.provider) q = q.where("provider", "=", f.provider === NONE ? "" : f.provider);
    if (f.errorCode !== undefined) q = q.where("error_code", "=", f.errorCode === NONE ? 0 : f.errorCode);
    if (f.statusCode) q = q.where("status_code", "=", f.statusCode === NONE ? "" : f.statusCode);
    for (const c of all) q = q.groupBy(sql.ref(c) as never);
    if (bucket) q = q.groupBy(bucket as never);
    // The rollups write "" and 0 for null: read them back as null.
    return ((await q.execute()) as Record<string, unknown>[]).map((r) => {
      for (const k of Object.keys(r))
        if ((r[k] === "" || (k === "error_code" && Number(r[k]) === 0)) && k !== "count") r[k] = null;
      return r;
    });
  }

  // API keys: the secret is shown once; only its SHA-256 is stored.
  async createApiKey(name: string, now = Date.now()): Promise<{ id: string; key: string }> {
    const id = `dk_${randomBytes(6).toString("hex")}`;
    const secret = randomBytes(24).toString("base64url");
    await this.db
      .insertInto("api_keys")
      .values({ id, hash: sha256(secret), name, created_at: now, revoked_at: null })
      .execute();
    return { id, key: `${id}.${secret}` };
  }

  async revokeApiKey(id: string, now = Date.now()): Promise<boolean> {
    const r = await this.db
      .updateTable("api_keys")
      .set({ revoked_at: now })
      .where("id", "=", id)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async listApiKeys() {
    return (
      await this.db
        .selectFrom("api_keys")
        .select(["id", "name", "created_at", "revoked_at"])
        .orderBy("created_at")
        .execute()
    ).map((k) => ({
      id: k.id,
      name: k.name,
      createdAt: iso(k.created_at),
      revokedAt: k.revoked_at === null ? null : iso(k.revoked_at),
    }));
  }

  async verifyApiKey(key: string): Promise<boolean> {
    const dot = key.indexOf(".");
    if (dot < 0) return false;
    const row = await this.db
      .selectFrom("api_keys")
      .select(["hash", "revoked_at"])
      .where("id", "=", key.slice(0, dot))
      .executeTakeFirst();
    if (!row || row.revoked_at !== null) return false;
    const a = Buffer.from(row.hash);
    const b = Buffer.from(sha256(key.slice(dot + 1)));
    return a.length === b.length && timingSafeEqual(a, b);
  }

  async hasApiKeys(): Promise<boolean> {
    return (
      (await this.db
        .selectFrom("api_keys")
        .select("id")
        .where("revoked_at", "is", null)
        .limit(1)
        .executeTakeFirst()) !== undefined
    );
  }
}

/** The UTC days `first`, `first + every`, … before `until`. */
interface DaySeries {
  first: number;
  every: number;
  until: number;
}

const ROLLUP_COLUMNS = new Set(["category", "error_code", "status_code", "provider"]);

/** The largest time-zone offset accepted for buckets, in minutes (UTC-14:00 … UTC+14:00). */
export const MAX_TZ_OFFSET_MINUTES = 840;

/**
 * How far the buckets of `bucketMs` are shifted from multiples of it since the epoch: the zone's
 * offset, and for weeks three days more, so that they start on Mondays (1970-01-01 was a Thursday;
 * 1969-12-29 a Monday). The shift keeps every time after 1970 positive in the bucket arithmetic.
 */
export function alignmentMs(bucketMs: number, tzOffsetMinutes = 0): number {
  return (tzOffsetMinutes || 0) * 60_000 + (bucketMs === 7 * DAY ? 3 * DAY : 0);
}

/**
 * SQL for the start of the bucket `column` (epoch ms) falls in: buckets of `bucketMs` aligned to
 * the epoch in a zone `offsetMs` east of UTC, as the UTC instant the bucket starts at. Literals,
 * not parameters: PostgreSQL matches the GROUP BY expression to the selected one by its text.
 * Integer division truncates towards zero in both databases, which is the floor for every time
 * after 1970 (plus 14 hours).
 */
function bucketStart(column: RawBuilder<unknown>, bucketMs: number, offsetMs: number): RawBuilder<number> {
  const b = sql.lit(bucketMs);
  if (offsetMs === 0) return sql<number>`(${column} / ${b}) * ${b}`;
  const o = sql.lit(Math.abs(offsetMs));
  return offsetMs > 0
    ? sql<number>`((${column} + ${o}) / ${b}) * ${b} - ${o}`
    : sql<number>`((${column} - ${o}) / ${b}) * ${b} + ${o}`;
}

/**
 * The most time buckets a statistics range may be cut into (`stats`, `timeline`): 1,000 hours
 * (about 41 days), days (2.7 years) or weeks (19 years). It bounds the size of the answer; the
 * queries themselves do not grow per bucket.
 */
export const MAX_BUCKETS = 1000;

/**
 * How many buckets of `bucketMs` (cut in the zone `tzOffsetMinutes` east of UTC) the range
 * [from, to) touches, partial ones at the ends included.
 */
export function bucketCount(from: number, to: number, bucketMs: number, tzOffsetMinutes = 0): number {
  if (!(to > from)) return 0;
  const offsetMs = alignmentMs(bucketMs, tzOffsetMinutes);
  return Math.floor((to - 1 + offsetMs) / bucketMs) - Math.floor((from + offsetMs) / bucketMs) + 1;
}

const BUCKET_NAMES = new Map([
  [3600_000, "hour"],
  [DAY, "day"],
  [7 * DAY, "week"],
]);

/** A webhook token (Mailgun's) used before and not expired: the request is a replay (an HTTP 401). */
export class TokenUsedError extends Error {
  constructor(readonly key: string) {
    super("token already used (a replayed request)");
    this.name = "TokenUsedError";
  }
}

/**
 * Uses up a token in the caller's transaction, or throws TokenUsedError. On PostgreSQL a second
 * process inserting the same key waits on the primary key until the first commits, then finds it.
 */
async function useToken(trx: Kysely<Database>, once: { key: string; expiresAt: number }, now: number) {
  // Expired tokens go first (the index on expires_at keeps this a short read), this one among them.
  await trx.deleteFrom("once_tokens").where("expires_at", "<", now).execute();
  const got = await trx
    .insertInto("once_tokens")
    .values({ key: once.key, expires_at: once.expiresAt })
    .onConflict((oc) => oc.column("key").doNothing())
    .returning("key")
    .execute();
  if (!got.length) throw new TokenUsedError(once.key);
}

/** A statistics range cut into more than MAX_BUCKETS buckets: the caller's to narrow (an HTTP 400). */
export class TooManyBucketsError extends RangeError {
  readonly max = MAX_BUCKETS;

  constructor(
    readonly buckets: number,
    readonly bucketMs: number,
    from: number,
    to: number,
  ) {
    super(
      `from ${iso(from)} to ${iso(to)} is ${buckets.toLocaleString("en")} ${BUCKET_NAMES.get(bucketMs) ?? `${bucketMs} ms`} buckets; at most ${MAX_BUCKETS.toLocaleString("en")} are allowed: narrow the range or use larger buckets`,
    );
    this.name = "TooManyBucketsError";
  }
}

/** Whether the daily rollups answer this question: which slice, or null for the events. */
function rollupPlan(
  f: EventFilter,
  cols: string[],
  bucketMs: number | null,
  offsetMs = 0,
): { slice: string; value: string } | null {
  if (f.recipient || f.recipientDomain) return null;
  if (!cols.every((c) => ROLLUP_COLUMNS.has(c))) return null;
  if (bucketMs !== null && bucketMs % 86400_000 !== 0) return null;
  // A rollup is a UTC day: a bucket that starts at another hour (the viewer's local midnight)
  // splits it, so those buckets are counted from the events.
  if (bucketMs !== null && offsetMs % 86400_000 !== 0) return null;
  // The slice of exactly the dimensions the question filters on (see SLICES).
  const given = [
    ["domain", f.sendingDomain?.toLowerCase()],
    ["ip", f.sendingIp],
    ["tag", f.tag],
  ].filter((x): x is [string, string] => Boolean(x[1]));
  if (!given.length) return { slice: "all", value: "" };
  return { slice: given.map(([n]) => n).join("+"), value: given.map(([, v]) => v).join(SLICE_SEPARATOR) };
}

/** Adds stored events to the daily rollups (in the caller's transaction). */
async function addToRollups(trx: Kysely<Database>, rows: Omit<EventsTable, "id">[]): Promise<void> {
  const deltas = new Map<string, RollupRow>();
  for (const r of rows) {
    const day = Math.floor(r.occurred_at / 86400_000) * 86400_000;
    const slices: [string, string | null][] = [["all", ""]];
    for (const dims of SLICES) {
      const values = dims.map(([, column]) => r[column]);
      if (values.every((v) => v !== null))
        slices.push([dims.map(([n]) => n).join("+"), values.join(SLICE_SEPARATOR)]);
    }
    for (const [slice, value] of slices) {
      if (value === null) continue;
      const row: RollupRow = {
        day,
        slice,
        value,
        type: r.type,
        permanence: r.permanence ?? "",
        category: r.category ?? "",
        error_code: r.error_code ?? 0,
        status_code: r.status_code ?? "",
        provider: r.provider ?? "",
        count: 1,
      };
      const key = `${day}|${slice}|${value}|${row.type}|${row.permanence}|${row.category}|${row.error_code}|${row.status_code}|${row.provider}`;
      const d = deltas.get(key);
      if (d) d.count++;
      else deltas.set(key, row);
    }
  }
  // In key order: concurrent batches update shared rows in one order (no deadlock between them).
  const all = [...deltas.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  for (let i = 0; i < all.length; i += 200) {
    await trx
      .insertInto("event_rollups")
      .values(all.slice(i, i + 200))
      .onConflict((oc) =>
        oc
          .columns([...ROLLUP_KEY])
          .doUpdateSet((eb) => ({ count: eb("event_rollups.count", "+", eb.ref("excluded.count")) })),
      )
      .execute();
  }
}

type RollupRow = Database["event_rollups"];

/**
 * The mailbox takes mail again: an automatic, expiring suppression (a full or unavailable inbox) of
 * these addresses (recipient keys) is lifted when a delivery to the address happened after the
 * failure that caused it. Permanent and manual entries stay. One statement per 500 addresses, after
 * the batch's own policy, so the order of events within a batch does not matter; addresses without
 * an entry cost a key lookup.
 */
async function liftByDeliveries(trx: Kysely<Database>, addresses: string[]): Promise<void> {
  const unique = [...new Set(addresses)].sort();
  for (let i = 0; i < unique.length; i += 500)
    await trx
      .deleteFrom("suppressions")
      .where("address", "in", unique.slice(i, i + 500))
      .where("manual_at", "is", null)
      .where("expires_at", "is not", null)
      .where(
        sql<boolean>`coalesce((select occurred_at from events where id = suppressions.event_id), -1) <
          (select max(occurred_at) from events where recipient_key = suppressions.address and type = 'delivered')`,
      )
      .execute();
}

/** An expired entry is no entry: removed before a new one is written for the address. */
async function dropExpired(trx: Kysely<Database>, address: string, now: number): Promise<void> {
  await trx
    .deleteFrom("suppressions")
    .where("address", "=", address)
    .where("expires_at", "<=", now)
    .execute();
}

/**
 * SQL for the message an event reports on, to count failures per message: its Message-ID; for an
 * MTA log line without one, the queue id (the first part of a log event's sourceId,
 * `queueId/recipient/time`); else the event itself, which then counts alone.
 */
function messageKey(dialect: Dialect): RawBuilder<string> {
  const slash = dialect === "postgres" ? sql`strpos(source_id, '/')` : sql`instr(source_id, '/')`;
  return sql<string>`coalesce(
    message_id,
    case when source like 'log:%' and ${slash} > 1 then source || ':' || substr(source_id, 1, ${slash} - 1) end,
    'event:' || id
  )`;
}

function sha256(s: string): string {
  return createHash("sha256").update(s).digest("hex");
}

// PostgreSQL text cannot hold NUL characters (real bounce texts sometimes do): they are dropped
// in both databases, so both store the same thing.
const NUL = /\u0000/g;
/**
 * Text as both databases can store it: NUL dropped (PostgreSQL refuses it), a lone UTF-16 surrogate
 * made U+FFFD (PostgreSQL's driver does that, SQLite would store bytes that are not UTF-8).
 */
function text<T extends string | null | undefined>(v: T): T {
  if (typeof v !== "string") return v;
  return wellFormed(v.includes("\u0000") ? v.replace(NUL, "") : v) as T;
}

/** Lone UTF-16 surrogates made U+FFFD (as `text`, NUL kept: an address with one is refused). */
function wellFormed(s: string): string {
  return (s as WellFormed).isWellFormed() ? s : (s as WellFormed).toWellFormed();
}

/** ES2024 string methods (Node 20 has them; the ES2023 library types do not). */
type WellFormed = string & { isWellFormed(): boolean; toWellFormed(): string };

function toRow(e: ClassifiedEvent, now: number): Omit<EventsTable, "id"> {
  const d = e.diagnosis;
  const at = Date.parse(e.timestamp);
  const row = {
    dedupe_key: dedupeKey(e),
    source: e.source,
    source_id: e.sourceId ?? null,
    type: e.type,
    recipient: e.recipient,
    // Its suppression key, made from the recipient as stored (NUL dropped, surrogates replaced).
    recipient_key: normalizeAddress(text(e.recipient)),
    recipient_domain: e.recipientDomain,
    // Deliveries too (by the remote host or the recipient's domain): a provider's rates need them.
    provider: e.provider ?? eventProvider(e),
    sender: e.sender ?? null,
    sending_domain: e.sendingDomain?.toLowerCase() ?? senderDomain(e.sender),
    sending_ip: e.sendingIp ?? null,
    tag: e.tag ?? null,
    message_id: e.messageId ?? null,
    category: d?.category ?? null,
    reason: d?.reason ?? null,
    error_code: d?.errorCode ?? e.errorCode ?? null,
    status_code: d?.statusCode ?? e.statusCode ?? null,
    permanence: d?.permanence ?? null,
    response: e.response ?? null,
    diagnosis: d ? JSON.stringify(d) : null,
    occurred_at: Number.isFinite(at) ? at : now,
    received_at: now,
  };
  for (const k of Object.keys(row) as (keyof typeof row)[]) {
    if (typeof row[k] === "string") (row as Record<string, unknown>)[k] = text(row[k] as string);
  }
  return row;
}

function fromRow(r: Selectable<EventsTable>): StoredEvent {
  return {
    id: Number(r.id),
    source: r.source,
    sourceId: r.source_id,
    type: r.type as StoredEvent["type"],
    recipient: r.recipient,
    recipientDomain: r.recipient_domain,
    provider: r.provider,
    sender: r.sender,
    sendingDomain: r.sending_domain,
    sendingIp: r.sending_ip,
    tag: r.tag,
    messageId: r.message_id,
    response: r.response,
    errorCode: r.error_code,
    statusCode: r.status_code,
    timestamp: iso(Number(r.occurred_at)),
    receivedAt: iso(Number(r.received_at)),
    diagnosis: r.diagnosis ? JSON.parse(r.diagnosis) : null,
  };
}

function toSuppression(r: Selectable<Database["suppressions"]>): Suppression {
  return {
    address: r.address,
    category: r.category,
    reason: r.reason,
    source: r.source,
    eventId: r.event_id === null ? null : Number(r.event_id),
    failures: Number(r.failures),
    createdAt: iso(Number(r.created_at)),
    updatedAt: iso(Number(r.updated_at)),
    expiresAt: r.expires_at === null ? null : iso(Number(r.expires_at)),
    note: r.note,
    manualAt: r.manual_at === null ? null : iso(Number(r.manual_at)),
  };
}
