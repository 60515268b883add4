// Small helpers shared by the decoders of group A (Exim, DragonFly, Amazon, the x* formats…):
// reading the SMTP reply out of a few lines of bounce text and merging body findings into
// the records of a delivery-status part.

import { parseCodes, parseCommand, parseRemoteHost } from "../../smtp/reply.js";
import type { BounceMessage } from "../message.js";
import type { RecipientRecord } from "../types.js";
import { addressesIn, cleanAddress } from "./text.js";

/** A record for `recipient` from a reply text: reply code, status and stage read from it. */
export function recordFrom(
  recipient: string,
  diagnostic: string,
  extra: Partial<RecipientRecord> = {},
): RecipientRecord {
  const text = diagnostic.replace(/\s+/g, " ").trim();
  const { errorCode, statusCode } = parseCodes(text);
  const rec: RecipientRecord = {
    recipient: cleanAddress(recipient) ?? recipient,
    diagnostic: text,
    action: "failed",
  };
  if (statusCode) rec.status = statusCode;
  if (errorCode !== null) rec.replyCode = errorCode;
  const command = parseCommand(text);
  if (command) rec.command = command;
  const host = parseRemoteHost(text);
  if (host) rec.remoteMta = host;
  return { ...rec, ...stripUndefined(extra) };
}

function stripUndefined(o: Partial<RecipientRecord>): Partial<RecipientRecord> {
  const out: Partial<RecipientRecord> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** The addresses of a header (X-Failed-Recipients, To…), in order. */
export function headerAddresses(msg: BounceMessage, name: string): string[] {
  return (msg.headers.get(name) ?? []).flatMap((v) => addressesIn(v));
}

/**
 * The DSN records, in their order, each enriched by the body record of the same recipient:
 * the body's diagnostic when the DSN has none (or only a bare status), and the stage, host,
 * status and reply code the DSN does not state. Body records the DSN lacks are appended.
 */
export function mergeWithDsn(dsn: RecipientRecord[], body: RecipientRecord[]): RecipientRecord[] {
  if (!dsn.length) return body;
  const byRcpt = new Map(body.map((b) => [b.recipient.toLowerCase(), b]));
  const out = dsn.map((d, i) => {
    const b =
      byRcpt.get(d.recipient.toLowerCase()) ??
      (dsn.length === 1 && body.length === 1 ? body[0] : undefined) ??
      body[i];
    if (!b) return d;
    const r: RecipientRecord = { ...d };
    if (!r.diagnostic.trim() || /^\s*[245]\.\d{1,3}\.\d{1,3}\s*$/.test(r.diagnostic))
      r.diagnostic = b.diagnostic;
    if (!r.command && b.command) r.command = b.command;
    if (!r.remoteMta && b.remoteMta) r.remoteMta = b.remoteMta;
    if ((!r.status || /\.0\.0$/.test(r.status)) && b.status) r.status = b.status;
    if (r.replyCode == null && b.replyCode != null) r.replyCode = b.replyCode;
    return r;
  });
  const seen = new Set(dsn.map((d) => d.recipient.toLowerCase()));
  for (const b of body) if (!seen.has(b.recipient.toLowerCase()) && body.length > dsn.length) out.push(b);
  return out;
}

/** True when any Received header contains `needle` (lower-case). */
export function receivedHas(msg: BounceMessage, needle: string): boolean {
  for (const v of msg.headers.get("received") ?? []) if (v.toLowerCase().includes(needle)) return true;
  return false;
}
