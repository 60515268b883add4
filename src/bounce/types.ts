import type { Kind } from "../catalog/types.js";
import type { Diagnosis } from "../classify/diagnosis.js";

/** A DSN action (RFC 3464 §2.3.3). */
export type DsnAction = "failed" | "delayed" | "delivered" | "relayed" | "expanded";

/** What a decoder reads for one recipient, before the engine classifies it. */
export interface RecipientRecord {
  recipient: string;
  originalRecipient?: string | null;
  action?: DsnAction | null;
  /** Enhanced status code as the bounce states it (DSN Status field or the text). */
  status?: string | null;
  /** SMTP reply code when the bounce states it apart from the text. */
  replyCode?: number | null;
  /** The diagnostic text: the remote server's reply, or the MTA's own explanation. */
  diagnostic: string;
  remoteMta?: string | null;
  reportingMta?: string | null;
  command?: string | null;
  lastAttemptDate?: string | null;
}

/** One failed (or delayed, or delivered) recipient of a bounce, classified. */
export interface BounceRecipient {
  recipient: string;
  originalRecipient: string | null;
  action: DsnAction | null;
  status: string | null;
  reportingMta: string | null;
  remoteMta: string | null;
  diagnosticText: string;
  lastAttemptDate: string | null;
  /** Which decoder read this recipient: `rfc3464`, `postfix`, `qmail`, … */
  decoder: string;
  diagnosis: Diagnosis;
}

export interface OriginalMessage {
  messageId: string | null;
  subject: string | null;
  from: string | null;
  to: string | null;
  date: string | null;
}

/** RFC 5965 feedback report fields. */
export interface FeedbackReport {
  feedbackType: string | null;
  userAgent: string | null;
  sourceIp: string | null;
  originalMailFrom: string | null;
  originalRecipients: string[];
  arrivalDate: string | null;
  reportedDomain: string | null;
}

/** The public JSON shape of a parsed bounce email (documented in docs/bounce.md). */
export interface BounceReport {
  kind: Kind;
  /** The decoder that read the message, or null for `not_bounce`. */
  decoder: string | null;
  recipients: BounceRecipient[];
  original: OriginalMessage | null;
  feedback: FeedbackReport | null;
  /** Subject, sender and date of the bounce itself. */
  subject: string | null;
  from: string | null;
  date: string | null;
}

export interface ParseBounceOptions {
  /** Largest message read, in bytes (default 10 MiB); larger input is a BounceError. */
  maxBytes?: number;
  /**
   * Time budget per message in milliseconds (default 2000); past it, a BounceError. Checked after
   * MIME decoding, between decoders and between recipients.
   */
  timeoutMs?: number;
  /**
   * The recipient the bounce is about when the envelope says so for certain (a VERP address):
   * it replaces the one recipient a decoder read, and stands for a bounce whose recipient could
   * not be read.
   */
  recipient?: string;
  /** Languages of the tips in each diagnosis (as `diagnose`); default none. */
  lang?: import("../classify/diagnosis.js").DiagnoseOptions["lang"];
}
