/**
 * Exim's main log (`/var/log/exim4/mainlog`), or the same lines sent to syslog (`exim[pid]: …`):
 *
 *     2026-02-02 10:00:00 1vQxYz-000Abc-Q1 <= news@example.com H=app.example.com [192.0.2.5] P=esmtpsa
 *         S=2301 id=20260202.1@example.com
 *     … 1vQxYz-000Abc-Q1 => jane@example.net R=dnslookup T=remote_smtp H=mx.example.net [192.0.2.25]
 *         X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes C="250 2.0.0 OK queued"
 *     … 1vQxYz-000Abc-Q1 ** gone@example.net R=dnslookup T=remote_smtp H=mx.example.net [192.0.2.25]:
 *         SMTP error from remote mail server after RCPT TO:<gone@example.net>: 550 5.1.1 User unknown
 *     … 1vQxYz-000Abc-Q1 == slow@example.net R=dnslookup T=remote_smtp defer (-44) H=… : SMTP error …
 *     … 1vQxYz-000Abc-Q1 Completed
 *
 * `=>` is a delivery, `->` another address of the same delivery, `>>` a cutthrough delivery,
 * `**` a failure, `==` a deferral, `*>` a delivery suppressed by -N (ignored). Message ids are
 * 6-6-2 characters, or 6-11-4 since Exim 4.97. The main log's time may carry milliseconds and
 * an offset (`log_timezone`), and a `[pid]` may follow it.
 */
import { parseCodes, parseCommand } from "../../smtp/reply.js";
import type { DeliveryEvent, EventType } from "../event.js";
import { bareAddress, isLoopbackHandOff, type LogState, messageIdOf, type SyslogLine } from "./index.js";

const ID_RE = /^([0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4}) (.*)$/;
// A message id's line (`ID <= …`, `ID ** …`, `ID Completed`) whatever the id looks like.
const ID_LINE_RE = /^\S+ (?:(?:<=|=>|->|>>|\*\*|==|\*>) |Completed$)/;
const FLAGS: Record<string, EventType | null> = {
  "=>": "delivered",
  "->": "delivered",
  ">>": "delivered",
  "**": "bounce",
  "==": "deferred",
  "*>": null,
};

export function parseEximSyslog(sys: SyslogLine, state: LogState): DeliveryEvent[] | null {
  return parseExim(sys.message, sys.time, `exim ${sys.host}`, state);
}

export function parseEximMain(message: string, time: Date, state: LogState): DeliveryEvent[] | null {
  return parseExim(message, time, "exim", state);
}

function parseExim(message: string, time: Date, scope: string, state: LogState): DeliveryEvent[] | null {
  const m = ID_RE.exec(message);
  // No message id: connections, queue runs, rejections of incoming mail, daemon start; but
  // `1vQxYz-0 ** a@example.com …` is a message's line with a damaged id.
  if (!m) return ID_LINE_RE.test(message) ? null : [];
  const queueId = m[1]!;
  const rest = m[2]!;
  const key = `${scope} ${queueId}`;
  const flag = rest.slice(0, 2);
  if (flag === "<=" && rest[2] === " ") {
    const sender = /^<= (\S+)/.exec(rest);
    if (!sender) return null;
    const e = state.touch(key);
    e.sender = sender[1] === "<>" ? "" : bareAddress(sender[1]!);
    // Before the subject (T="…"), which could hold anything.
    const head = rest.split(' T="')[0]!;
    const id = / id=(\S+)/.exec(head);
    if (id) e.messageId = messageIdOf(id[1]);
    return [];
  }
  if (rest === "Completed" || rest.startsWith("Completed ")) {
    state.done(key);
    return [];
  }
  if (!(flag in FLAGS) || rest[2] !== " ") return [];
  const type = FLAGS[flag];
  if (!type) return [];
  // Written on every queue run while a message waits for its retry time: no delivery was tried, so
  // it is no outcome (a message deferred for days would count hundreds of deferrals).
  if (type === "deferred" && rest.includes("retry time not reached")) return [];
  return delivery(queueId, key, type, rest.slice(3), time, state);
}

function delivery(
  queueId: string,
  key: string,
  type: EventType,
  body: string,
  time: Date,
  state: LogState,
): DeliveryEvent[] | null {
  // `addr[:] [<parent>][:] fields…[: reason]`
  const a = /^(\S+?)(:?)(?: <([^>]*)>(:?))?(?= |$)/.exec(body);
  if (!a) return null;
  let recipient = a[1]!;
  // A local delivery names the local part or the file/pipe first and the full address after it.
  if (!recipient.includes("@") && a[3]?.includes("@")) recipient = a[3];
  recipient = bareAddress(recipient);
  if (!recipient) return null;
  const afterAddress = body.slice(a[0].length);
  let fields = afterAddress;
  let reason: string | null = null;
  if (type === "delivered") {
    // No reason; the confirmation (C="250 …: queued") may hold ": ".
  } else if (a[2] || a[4]) {
    fields = "";
    reason = afterAddress.trim();
  } else {
    const colon = afterAddress.indexOf(": ");
    if (colon >= 0) {
      fields = afterAddress.slice(0, colon);
      reason = afterAddress.slice(colon + 2).trim();
    } else if (afterAddress.endsWith(":")) fields = afterAddress.slice(0, -1);
  }
  const host = /(?:^| )H=(\S+?)(?::?$| \[([^\]]+)\]| )/.exec(fields);
  let remoteHost: string | null = null;
  if (host) {
    const name = host[1]!.replace(/:$/, "");
    remoteHost = (name.startsWith("[") ? name.replace(/^\[|\](?::\d+)?$/g, "") : name).toLowerCase();
  }
  const confirm = type === "delivered" ? / C="((?:[^"\\]|\\.)*)"/.exec(fields) : null;
  // A content filter on loopback that queued the message to re-inject it: no outcome (see postfix.ts).
  if (confirm && isLoopbackHandOff(host?.[2] ?? remoteHost, confirm[1])) return [];
  const from = / F=<([^>]*)>/.exec(fields);
  const entry = state.get(key);
  if (entry) state.touch(key);
  const base = {
    format: "exim" as const,
    queueId,
    type,
    recipient,
    time,
    entry,
    remoteHost,
    ...(from && !entry?.sender ? { sender: from[1]! } : {}),
  };
  if (type === "delivered") {
    const statusCode = confirm ? parseCodes(confirm[1]!).statusCode : null;
    return state.event({ ...base, statusCode });
  }
  const codes = reason ? parseCodes(reason) : { errorCode: null, statusCode: null };
  return state.event({
    ...base,
    response: reason || null,
    errorCode: codes.errorCode,
    statusCode: codes.statusCode,
    command: reason ? parseCommand(reason) : null,
  });
}
