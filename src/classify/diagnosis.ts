import type { ActionType, Category, Kind, Lang, Permanence } from "../catalog/types.js";
import type { SmtpCommand } from "../smtp/reply.js";
import type { Entities } from "./entities.js";

/** The level that decided: words first, then provider knowledge, then status code, then reply code. */
export type EvidenceLevel = "text" | "provider" | "status" | "reply" | "none";

export interface RuleMatch {
  ruleId: string;
  category: Category;
  reason: string;
  /** The words of the input that matched. */
  matched: string;
}

export interface Evidence {
  /** Id of the rule that decided, or null for `unknown`. */
  ruleId: string | null;
  level: EvidenceLevel;
  /** The words of the input that the deciding rule matched (or the code it read). */
  matched: string | null;
  /** 0..1: a text rule is surer than a provider code, a status code, a reply code. */
  confidence: number;
  /** Other rules that matched with another category, strongest first. */
  alternatives: RuleMatch[];
}

export interface Action {
  type: ActionType;
  /** Suggested delay before a retry, in seconds; null when no retry applies. */
  retryAfterSeconds: number | null;
  /** `text` when the server stated the delay, `default` when it is the category's. */
  retryAfterSource: "text" | "default" | null;
}

/**
 * The public JSON shape of a diagnosis (documented in docs/diagnosis.md).
 * Fields are only ever added, never renamed.
 */
export interface Diagnosis {
  kind: Kind;
  category: Category;
  errorCode: number | null;
  statusCode: string | null;
  reason: string;
  permanence: Permanence;
  action: Action;
  provider: string | null;
  command: SmtpCommand | null;
  remoteHost: string | null;
  entities: Entities;
  evidence: Evidence;
  /** Present unless the caller asked for no tips; keyed by language. */
  tips?: Partial<Record<Lang, readonly string[]>>;
}

/** What `diagnose` accepts besides a plain string. */
export interface ReplyInput {
  response: string;
  errorCode?: number | string | null;
  statusCode?: string | null;
  remoteHost?: string | null;
  command?: string | null;
}

export interface DiagnoseOptions {
  /** Languages of the tips: one, several, or `none` to leave tips out. Default: all. */
  lang?: Lang | readonly Lang[] | "all" | "none";
}

/**
 * What to do follows from what happened, not from the words the engine read ("feedback report:
 * abuse", a vacation subject: unknown, whose default is a retry). A complaint: stop mailing the
 * address (hard, suppress). An auto-reply, a delivery or no bounce at all: the message arrived,
 * nothing to do. Used once `kind` is set from a report or an event's type.
 */
export function settleActionForKind(d: Diagnosis): void {
  if (d.kind === "complaint") {
    d.permanence = "hard";
    d.action = { type: "suppress", retryAfterSeconds: null, retryAfterSource: null };
  } else if (d.kind === "autoreply" || d.kind === "delivered" || d.kind === "not_bounce") {
    d.action = { type: "none", retryAfterSeconds: null, retryAfterSource: null };
  }
}
