/** The nine categories of the taxonomy, plus `unknown` when nothing supports one. */
export const CATEGORY_IDS = [
  "blocked",
  "dmarc",
  "invalid_address",
  "inbox",
  "inbox_full",
  "rate_limit",
  "recipient_error",
  "rejection",
  "sender_reputation",
  "unknown",
] as const;
export type Category = (typeof CATEGORY_IDS)[number];

export const LANGS = ["en", "id"] as const;
export type Lang = (typeof LANGS)[number];
/** A human-facing text in every supported language. */
export type Localized = Record<Lang, string>;

export type Permanence = "hard" | "soft";

export const ACTION_TYPES = [
  "suppress",
  "retry",
  "fix_sender_setup",
  "slow_down",
  "contact_recipient",
  "review_content",
  "none",
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

/** What kind of outcome an input reports; only `bounce` and `delay` are failures. */
export type Kind = "bounce" | "delay" | "autoreply" | "complaint" | "delivered" | "not_bounce";

/** The checks diagnosa can run (issue: checks); a category names the ones its tips call for. */
export type CheckId = "blocklist" | "rdns" | "authentication" | "address" | "mx" | "content";

export interface CategoryInfo {
  id: Category;
  name: Localized;
  definition: Localized;
  permanence: Permanence;
  action: ActionType;
  /** Seconds to wait before a retry when the category is retried and the text states none. */
  retryAfterSeconds: number | null;
  tips: Record<Lang, readonly string[]>;
  checks: readonly CheckId[];
}

export interface ReasonInfo {
  /** `category.detail`, e.g. `invalid_address.user_unknown`. */
  id: string;
  category: Category;
  name: Localized;
  /** Overrides the category's default when this reason has its own. */
  permanence?: Permanence;
  action?: ActionType;
  /** Overrides the category's default retry delay (seconds) when the text states none. */
  retryAfterSeconds?: number;
}
