/**
 * Sendmail, as it logs to syslog (`sendmail[pid]:` / `sm-mta[pid]:` / `sm-msp-queue[pid]:`):
 *
 *     sm-mta[…]: 61S9t0Qd012345: from=<news@example.com>, size=2301, class=0, nrcpts=1,
 *         msgid=<20260202.1@example.com>, proto=ESMTP, daemon=MTA, relay=app.example.com [192.0.2.5]
 *     sm-mta[…]: 61S9t0Qd012345: to=<jane@example.net>, delay=00:00:01, xdelay=00:00:01,
 *         mailer=esmtp, pri=122301, relay=mx.example.net. [192.0.2.25], dsn=2.0.0, stat=Sent (OK queued)
 *
 * A failure is preceded by the SMTP conversation (at the default LogLevel 9):
 *
 *     61S9t0Qd012346: ... while talking to mx.example.net.:
 *     61S9t0Qd012346: >>> RCPT To:<gone@example.net>
 *     61S9t0Qd012346: <<< 550 5.1.1 <gone@example.net>... User unknown
 *     61S9t0Qd012346: <gone@example.net>... User unknown
 *     61S9t0Qd012346: to=<gone@example.net>, …, dsn=5.1.1, stat=User unknown
 *
 * so the reply text comes from the `<<<` line when there is one, else from `stat=`. One `to=` line
 * may list several recipients (`to=<a@…>,<b@…>`).
 */
import { parseCodes, parseCommand } from "../../smtp/reply.js";
import type { DeliveryEvent, EventType } from "../event.js";
import {
  bareAddress,
  isLoopbackHandOff,
  type LogState,
  looksLikeQueueLine,
  messageIdOf,
  type QueueEntry,
  type SyslogLine,
} from "./index.js";

export function isSendmailProgram(program: string): boolean {
  return /^(?:sendmail|sm-mta|sm-msp-queue|sm-msp|sm-mta-\w+)$/i.test(program);
}

// Sendmail 8.12+ ids: 14 characters with digits (`61S9t0Qd012345`); older ones are shorter.
const QUEUE_ID_RE = /^((?=[0-9A-Za-z]*\d)[0-9A-Za-z]{8,20}): (.*)$/;
// What follows `QUEUEID: ` on the lines read below.
const QUEUE_LINE_RE = /^(?:to=|from=|>>> |<<< |\.\.\. while talking to |<[^>]*>\.\.\. )/;
const FIELD_SPLIT_RE = /, (?=[a-z]\w*=)/;
const MAX_REPLIES = 64;

export function parseSendmail(sys: SyslogLine, state: LogState): DeliveryEvent[] | null {
  const m = QUEUE_ID_RE.exec(sys.message);
  // STARTTLS, AUTH, connection and daemon lines carry no queue id (`NOQUEUE: connect from …`);
  // `5RRR: to=<…>` is a queue id's line with a damaged id.
  if (!m) return looksLikeQueueLine(sys.message, QUEUE_LINE_RE) ? null : [];
  const queueId = m[1]!;
  const rest = m[2]!;
  const key = `sendmail ${sys.host} ${queueId}`;
  if (rest.startsWith("to=")) return recipientLine(queueId, key, rest, sys, state);
  if (rest.startsWith("from=")) {
    const f = fields(rest);
    const e = state.touch(key);
    e.sender = bareAddress(f.get("from") ?? "");
    const id = messageIdOf(f.get("msgid"));
    if (id) e.messageId = id;
    return [];
  }
  if (rest.startsWith(">>> ")) {
    state.touch(key).lastCommand = rest.slice(4).trim();
    return [];
  }
  if (rest.startsWith("<<< ")) {
    const e = state.touch(key);
    // A multi-line reply comes as several `<<<` lines.
    e.lastReply =
      e.lastReply && /^\d{3}-/.test(e.lastReply) ? `${e.lastReply} ${rest.slice(4)}` : rest.slice(4);
    return [];
  }
  const talking = /^\.\.\. while talking to (\S+?)\.?:$/.exec(rest);
  if (talking) {
    const e = state.touch(key);
    e.host = talking[1]!.replace(/^\[|\]$/g, "").toLowerCase();
    e.lastReply = null;
    e.lastCommand = null;
    return [];
  }
  const said = /^<([^>]*)>\.\.\. (.*)$/.exec(rest);
  if (said) {
    const e = state.touch(key);
    if (e.lastReply) {
      e.replies ??= new Map();
      if (e.replies.size < MAX_REPLIES)
        e.replies.set(said[1]!.toLowerCase(), { reply: e.lastReply, command: e.lastCommand ?? null });
    }
    return [];
  }
  // DSN:, return to sender:, sender notify:, ruleset= rejects of incoming mail, clone, …
  return [];
}

/** `key=value, key=value, …, stat=…`: stat runs to the end; a to= value may hold commas. */
function fields(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const stat = text.search(/(?:^|, )stat=/);
  const head = stat >= 0 ? text.slice(0, stat) : text;
  for (const part of head.split(FIELD_SPLIT_RE)) {
    const eq = part.indexOf("=");
    if (eq > 0) out.set(part.slice(0, eq), part.slice(eq + 1).trim());
  }
  if (stat >= 0) out.set("stat", text.slice(text.indexOf("stat=", stat) + 5).trim());
  return out;
}

function recipientLine(
  queueId: string,
  key: string,
  rest: string,
  sys: SyslogLine,
  state: LogState,
): DeliveryEvent[] | null {
  const f = fields(rest);
  const stat = f.get("stat");
  const to = f.get("to");
  if (stat === undefined || !to) return null;
  if (/^queued\b/i.test(stat)) return [];
  const recipients = to
    .split(",")
    .map((r) => bareAddress(r.replace(/^"[^"]*"\s*/, "")))
    .filter((r) => r.length > 0);
  if (!recipients.length) return null;
  const dsnRaw = f.get("dsn") ?? "";
  const dsn = /^[245]\.\d{1,3}\.\d{1,3}$/.test(dsnRaw) ? dsnRaw : null;
  let type: EventType;
  if (dsn) type = dsn[0] === "2" ? "delivered" : dsn[0] === "4" ? "deferred" : "bounce";
  else if (/^Sent\b/i.test(stat)) type = "delivered";
  else if (/^Deferred\b/i.test(stat)) type = "deferred";
  else type = "bounce";
  // sm-msp-queue handing the message to sm-mta on [127.0.0.1] is no outcome: sm-mta logs its fate.
  if (type === "delivered" && isLoopbackHandOff(relayAddress(f.get("relay")), stat)) return [];
  const entry = state.get(key);
  if (entry) state.touch(key);
  const relay = relayHost(f.get("relay")) ?? entry?.host ?? null;
  const events: DeliveryEvent[] = [];
  let invalid = 0;
  for (const recipient of recipients) {
    const base = {
      format: "sendmail" as const,
      queueId,
      type,
      recipient,
      time: sys.time,
      entry,
      remoteHost: relay,
    };
    let got: DeliveryEvent[] | null;
    if (type === "delivered") got = state.event({ ...base, statusCode: dsn });
    else {
      const said = said1(entry, recipient, recipients.length);
      const statText = stat.replace(/^Deferred(?::\s*|$)/i, "").trim();
      const response = said?.reply ?? (statText || stat);
      const codes = parseCodes(response);
      got = state.event({
        ...base,
        response,
        errorCode: codes.errorCode,
        statusCode: dsn ?? codes.statusCode,
        command: said?.command ? parseCommand(`>>> ${said.command}`) : parseCommand(response),
      });
    }
    if (got) events.push(...got);
    else invalid++;
  }
  if (entry) {
    entry.lastReply = null;
    entry.lastCommand = null;
    entry.replies = undefined;
  }
  // A line whose every address is damaged gave nothing usable: bad (one good address makes it used).
  return !events.length && invalid ? null : events;
}

/** The reply the server gave for this recipient, from the conversation lines before. */
function said1(
  entry: QueueEntry | undefined,
  recipient: string,
  count: number,
): { reply: string; command: string | null } | null {
  if (!entry) return null;
  const r = entry.replies?.get(recipient.toLowerCase());
  if (r) return r;
  if (!entry.lastReply) return null;
  // One recipient: the last reply is its own. Several: a reply to the message itself (after DATA,
  // or to its end) is every recipient's; a reply at RCPT names its recipient (`<a@…>... `) above.
  const command = entry.lastCommand ?? null;
  if (count === 1 || (command !== null && /^(?:DATA|\.)$/i.test(command)))
    return { reply: entry.lastReply, command };
  return null;
}

/** The relay's IP when logged (`localhost [127.0.0.1]` → `127.0.0.1`), else its name. */
function relayAddress(raw: string | undefined): string | null {
  if (!raw) return null;
  const ip = /\[([^\]]*)\]\s*$/.exec(raw.replace(/ \(may be forged\)$/, ""));
  return ip ? ip[1]! : relayHost(raw);
}

/** `mx.example.net. [192.0.2.25]` → `mx.example.net`; `[192.0.2.25]` → `192.0.2.25`. */
function relayHost(raw: string | undefined): string | null {
  if (!raw) return null;
  const m = /^(\S+?)\.?(?: \[[^\]]*\])?(?: \(may be forged\))?$/.exec(raw.trim());
  if (!m) return null;
  const host = m[1]!.replace(/^\[|\]$/g, "").toLowerCase();
  return host && !host.includes("@") ? host : null;
}
