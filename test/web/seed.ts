// Delivery events for the dashboard's test and benchmark: several categories, providers, sending
// domains, IPs, tags and days, classified once per distinct reply.
import { type ClassifiedEvent, classifyEvent } from "../../src/ingest/event.js";

/** Replies (and the host that gave them) covering the categories. */
export const SEED_REPLIES: { response: string; remoteHost: string; type: "bounce" | "deferred" }[] = [
  {
    response: "550 5.1.1 The email account that you tried to reach does not exist. gsmtp",
    remoteHost: "gmail-smtp-in.l.google.com",
    type: "bounce",
  },
  {
    response: "552 5.2.2 The email account that you tried to reach is over quota. gsmtp",
    remoteHost: "gmail-smtp-in.l.google.com",
    type: "bounce",
  },
  {
    response:
      "550 5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM. gsmtp",
    remoteHost: "gmail-smtp-in.l.google.com",
    type: "bounce",
  },
  {
    response:
      "421 4.7.28 Our system has detected an unusual rate of unsolicited mail originating from your IP address. gsmtp",
    remoteHost: "gmail-smtp-in.l.google.com",
    type: "deferred",
  },
  {
    response:
      "550 5.7.1 Service unavailable, Client host [192.0.2.7] blocked using Spamhaus. To request removal from this list see https://www.spamhaus.org/query/ip/192.0.2.7 (AS3130). [BN8NAM11FT066.eop-nam11.prod.protection.outlook.com]",
    remoteHost: "example-com.mail.protection.outlook.com",
    type: "bounce",
  },
  {
    response:
      "550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302). [DM6NAM12FT014.eop-nam12.prod.protection.outlook.com]",
    remoteHost: "example-com.mail.protection.outlook.com",
    type: "bounce",
  },
  {
    response:
      "421 4.7.0 [TSS04] Messages from 192.0.2.7 temporarily deferred due to unexpected volume or user complaints",
    remoteHost: "mta5.am0.yahoodns.net",
    type: "deferred",
  },
  {
    response: "554 5.7.9 Message not accepted for policy reasons. See https://help.yahoo.com/kb/postmaster",
    remoteHost: "mta5.am0.yahoodns.net",
    type: "bounce",
  },
  {
    response: "550 5.7.1 Message rejected as spam by Content Filtering.",
    remoteHost: "mx.example.net",
    type: "bounce",
  },
  {
    response: "451 4.3.0 Mail server temporarily unavailable, try again later",
    remoteHost: "mx.example.net",
    type: "deferred",
  },
  {
    response: "550 5.2.1 The email account that you tried to reach is disabled.",
    remoteHost: "mx.example.net",
    type: "bounce",
  },
  {
    response:
      "550 5.1.1 <user@example.net>: Recipient address rejected: User unknown in virtual mailbox table",
    remoteHost: "mx.example.net",
    type: "bounce",
  },
];

export const SEED_DOMAINS = ["news.example.org", "shop.example.org", "billing.example.org"];
export const SEED_IPS = ["192.0.2.10", "192.0.2.11", "198.51.100.5"];
export const SEED_TAGS = ["newsletter", "receipt"];

let classified: ClassifiedEvent[] | undefined;

/**
 * `count` events (numbered from `start`) spread over the `days` days before `now`: a quarter delivered, a few complaints,
 * the rest failures. Deterministic: the same arguments give the same events.
 */
export function seedEvents(
  count: number,
  days: number,
  now = Date.now(),
  prefix = "seed",
  start = 0,
): ClassifiedEvent[] {
  classified ??= SEED_REPLIES.map((r) =>
    classifyEvent({
      source: "seed",
      type: r.type,
      recipient: "x@example.com",
      timestamp: new Date(now).toISOString(),
      response: r.response,
      remoteHost: r.remoteHost,
    }),
  );
  const out: ClassifiedEvent[] = [];
  for (let i = start; i < start + count; i++) {
    // A deterministic scatter: shop.example.org sends less and fails more than the others.
    const h = (i * 2654435761) >>> 0;
    const domain = SEED_DOMAINS[h % 7 < 4 ? 0 : h % 7 < 6 ? 1 : 2]!;
    const at = now - 60_000 - Math.floor(((h % 100_000) / 100_000) * days * 86400_000);
    const base = {
      source: "seed",
      sourceId: `${prefix}${i}`,
      recipient: `user${i}@example${i % 40}.com`,
      recipientDomain: `example${i % 40}.com`,
      timestamp: new Date(at).toISOString(),
      sendingDomain: domain,
      sendingIp: SEED_IPS[(h >>> 3) % SEED_IPS.length]!,
      tag: SEED_TAGS[(h >>> 5) % SEED_TAGS.length]!,
    };
    const roll = h % 20;
    if (roll < (domain === "shop.example.org" ? 4 : 10)) {
      out.push({ ...base, type: "delivered", diagnosis: null });
    } else if (roll === 19) {
      out.push({ ...base, type: "complaint", diagnosis: null });
    } else {
      const c = classified![(h >>> 7) % classified.length]!;
      out.push({ ...c, ...base, type: c.type, response: c.response ?? null, diagnosis: c.diagnosis });
    }
  }
  return out;
}

/**
 * Steady traffic: one delivery and one bounce every hour for `hours` hours, at half past each hour
 * before `now`. The bounces of the last `recent` hours come from Gmail, the older ones from a host
 * the classifier knows no provider for; both are "550 5.1.1" invalid addresses.
 */
export function steadyEvents(
  now: number,
  hours: number,
  recent: number,
  prefix = "steady",
): ClassifiedEvent[] {
  const [gmail, other] = [
    {
      response: "550 5.1.1 The email account that you tried to reach does not exist. gsmtp",
      remoteHost: "gmail-smtp-in.l.google.com",
    },
    {
      response:
        "550 5.1.1 <user@example.net>: Recipient address rejected: User unknown in virtual mailbox table",
      remoteHost: "mx.example.net",
    },
  ].map((r) =>
    classifyEvent({
      source: "seed",
      type: "bounce",
      recipient: "x@example.com",
      timestamp: new Date(now).toISOString(),
      ...r,
    }),
  );
  const out: ClassifiedEvent[] = [];
  for (let k = 0; k < hours; k++) {
    const base = {
      source: "seed",
      timestamp: new Date(now - 1_800_000 - k * 3_600_000).toISOString(),
      sendingDomain: "steady.example.org",
    };
    out.push({
      ...base,
      sourceId: `${prefix}-d${k}`,
      type: "delivered",
      recipient: `ok${k}@example.com`,
      recipientDomain: "example.com",
      diagnosis: null,
    });
    const c = k < recent ? gmail! : other!;
    out.push({
      ...c,
      ...base,
      sourceId: `${prefix}-b${k}`,
      recipient: `gone${k}@example.com`,
      recipientDomain: "example.com",
    });
  }
  return out;
}
