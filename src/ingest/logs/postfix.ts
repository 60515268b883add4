/**
 * Postfix, as it logs to syslog (`postfix/<service>[pid]: QUEUEID: …`):
 *
 *     postfix/cleanup[…]: 4F3A21C0E1: message-id=<20260202.1@example.com>
 *     postfix/qmgr[…]: 4F3A21C0E1: from=<news@example.com>, size=2301, nrcpt=2 (queue active)
 *     postfix/smtp[…]: 4F3A21C0E1: to=<jane@example.net>, relay=mx.example.net[192.0.2.25]:25,
 *         delay=1.4, delays=0.1/0/0.6/0.7, dsn=5.1.1, status=bounced (host mx.example.net[192.0.2.25]
 *         said: 550 5.1.1 <jane@example.net>: User unknown (in reply to RCPT TO command))
 *     postfix/qmgr[…]: 4F3A21C0E1: removed
 *
 * Delivery agents other than smtp (lmtp, local, virtual, pipe, error, discard) log `to=` lines of
 * the same shape. Queue ids are short (hex) or long (`4Tq1Wp3TXTz1xn3`). Multi-instance setups
 * log as `postfix-out/smtp`, services as `postfix/submission/smtpd`.
 */

import { parseCodes, parseCommand } from "../../smtp/reply.js";
import type { DeliveryEvent, EventType } from "../event.js";
import {
  isLoopbackHandOff,
  type LogState,
  looksLikeQueueLine,
  MAX_DEFERRED_PER_QUEUE,
  messageIdOf,
  type QueueEntry,
  type SyslogLine,
} from "./index.js";

const SERVICES =
  /^(?:smtp|lmtp|local|virtual|pipe|error|retry|discard|qmgr|nqmgr|cleanup|pickup|smtpd|bounce|trivial-rewrite|postscreen|anvil|master|postsuper|sendmail|postdrop|dnsblog|tlsproxy|tlsmgr|scache|verify|showq|proxymap|flush|oqmgr|lmtpd|postmap|postfix-script|spawn|cleanup-\w+)$/;

/** `postfix/smtp`, `postfix-out/smtp`, `postfix/submission/smtpd`, or a renamed instance's known service. */
export function isPostfixProgram(program: string): boolean {
  if (/^postfix(?:[-/]|$)/i.test(program)) return true;
  const slash = program.lastIndexOf("/");
  return slash > 0 && SERVICES.test(program.slice(slash + 1));
}

// A short id is upper-case hex; a long one is alphanumeric with a digit somewhere ("warning:" is neither).
const QUEUE_ID_RE = /^([0-9A-F]{6,20}|(?=[0-9A-Za-z]*\d)[0-9A-Za-z]{10,24}): (.*)$/;
// What follows `QUEUEID: ` on the lines read below.
const QUEUE_LINE_RE = /^(?:to=<|from=<|orig_to=<|message-id=|removed$|client=|uid=)/;
const TO_RE = /^to=<([^>]*)>, /;
// The reply in parentheses, or cut short without its ")" (syslog's line limit, a long reply).
const STATUS_RE = /(?:^|, )status=([A-Za-z-]+)(?: \((.*)\)| \((.*))?\s*$/;
const FIELD_RE = /(?:^|, )(orig_to|relay|dsn)=([^,]*)/g;
const RELAY_HOST_RE = /^([^[\s]+)\[([^\]]*)\](?::\d+)?$/;

const TYPES: Record<string, EventType> = {
  sent: "delivered",
  bounced: "bounce",
  deferred: "deferred",
  // soft_bounce = yes: a failure Postfix would have bounced stays queued, logged
  // `dsn=4.7.1, status=SOFTBOUNCE (host … said: 501 5.7.1 …)`; the message is retried, so a deferral.
  SOFTBOUNCE: "deferred",
};

export function parsePostfix(sys: SyslogLine, state: LogState): DeliveryEvent[] | null {
  const m = QUEUE_ID_RE.exec(sys.message);
  // Lines without a queue id: connections, NOQUEUE rejects of incoming mail, warnings, statistics;
  // but `5RRR: to=<…>` is a queue id's line with a damaged id.
  if (!m) return looksLikeQueueLine(sys.message, QUEUE_LINE_RE) ? null : [];
  const queueId = m[1]!;
  const rest = m[2]!;
  const key = `postfix ${sys.host} ${queueId}`;
  if (rest.startsWith("to=<")) return recipientLine(queueId, key, rest, sys, state);
  if (rest === "removed") {
    state.done(key);
    return [];
  }
  if (rest.startsWith("message-id=")) {
    state.touch(key).messageId = messageIdOf(rest.slice("message-id=".length).split(/\s/)[0]);
    return [];
  }
  if (rest.startsWith("from=<")) {
    const from = /^from=<([^>]*)>/.exec(rest);
    if (!from) return null;
    const entry = state.touch(key);
    entry.sender = from[1]!;
    // `from=<…>, status=expired, returned to sender` reports the message, not a recipient: each
    // recipient still deferred has failed (maximal_queue_lifetime) and is bounced to the sender.
    if (/, status=expired\b/.test(rest)) return expired(queueId, entry, sys, state);
    return [];
  }
  // `client=…`, `uid=… from=<…>` (pickup), `sender non-delivery notification: …`, milter actions, …
  if (sys.program.endsWith("/pickup")) {
    const from = /\bfrom=<([^>]*)>/.exec(rest);
    if (from && !state.get(key)?.sender) state.touch(key).sender = from[1]!;
  }
  return [];
}

function recipientLine(
  queueId: string,
  key: string,
  rest: string,
  sys: SyslogLine,
  state: LogState,
): DeliveryEvent[] | null {
  const to = TO_RE.exec(rest);
  const status = STATUS_RE.exec(rest);
  if (!to || !status) return null;
  const recipient = to[1]!.trim();
  if (!recipient) return null;
  const type = TYPES[status[1]!];
  // `deliverable` / `undeliverable`: address verification probes, not mail; `expired` and the like.
  if (!type) return [];
  const fields = new Map<string, string>();
  const head = rest.slice(0, status.index);
  for (const f of head.matchAll(FIELD_RE)) fields.set(f[1]!, f[2]!.trim());
  const relay = RELAY_HOST_RE.exec(fields.get("relay") ?? "");
  // relay=none / local / virtual / a pipe transport's name carry no host; an lmtp socket shows as host[private/…].
  const remoteHost = relay ? relay[1]!.toLowerCase() : null;
  const dsn = /^[245]\.\d{1,3}\.\d{1,3}$/.test(fields.get("dsn") ?? "") ? fields.get("dsn")! : null;
  const text = (status[2] ?? status[3])?.trim() || null;
  // A content filter's hand-off (amavis on 127.0.0.1:10024) is no outcome: the filter re-injects the
  // message, and its real fate is logged under the new queue id.
  if (type === "delivered" && isLoopbackHandOff(relay?.[2] || relay?.[1], text)) return [];
  // A deferred recipient is remembered for its message's expiry; an outcome ends that.
  const entry = type === "deferred" ? state.touch(key) : state.get(key);
  if (entry && type !== "deferred") {
    state.touch(key);
    entry.deferred?.delete(recipient.toLowerCase());
  }
  if (type === "delivered") {
    return state.event({
      format: "postfix",
      queueId,
      type,
      recipient,
      time: sys.time,
      entry,
      statusCode: dsn,
      remoteHost,
    });
  }
  const codes = text ? parseCodes(text) : { errorCode: null, statusCode: null };
  const outcome = {
    time: sys.time,
    response: text,
    errorCode: codes.errorCode,
    statusCode: dsn ?? codes.statusCode,
    remoteHost,
    command: text ? parseCommand(text) : null,
  };
  const events = state.event({ format: "postfix", queueId, type, recipient, entry, ...outcome });
  if (events?.length && type === "deferred" && entry) {
    entry.deferred ??= new Map();
    const r = recipient.toLowerCase();
    if (entry.deferred.has(r) || entry.deferred.size < MAX_DEFERRED_PER_QUEUE) {
      entry.deferred.delete(r);
      entry.deferred.set(r, { ...outcome, recipient });
    }
  }
  return events;
}

/**
 * The message expired in the queue: a bounce for each recipient still deferred, with its last
 * deferral's reply (what Postfix's non-delivery notice reports as the reason).
 */
function expired(queueId: string, entry: QueueEntry, sys: SyslogLine, state: LogState): DeliveryEvent[] {
  const events: DeliveryEvent[] = [];
  for (const last of entry.deferred?.values() ?? []) {
    const recipient = last.recipient;
    const reason = last.response ? `; last deferral: ${last.response}` : "";
    const got = state.event({
      format: "postfix",
      queueId,
      type: "bounce",
      recipient,
      time: sys.time,
      entry,
      response: `status=expired, returned to sender${reason}`,
      errorCode: last.errorCode,
      statusCode: last.statusCode,
      remoteHost: last.remoteHost,
      command: last.command,
    });
    if (got) events.push(...got);
  }
  entry.deferred = undefined;
  return events;
}
