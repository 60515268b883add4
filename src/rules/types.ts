import { CATEGORY_IDS, type Category, type Permanence } from "../catalog/types.js";

/**
 * One piece of knowledge: words that mean a category, with the real reply it was
 * written for. A rule is a literal phrase (case-insensitive, on word boundaries)
 * or a regular expression guarded by literal keywords, so the engine tries it
 * only when one of them occurs in the input.
 */
export interface RuleSpec {
  /** Unique within its table; the table's prefix is added (e.g. `gmail.disabled`). */
  id: string;
  /** Full reason id, `category.detail`; the category is taken from it. */
  reason: string;
  /** A literal phrase, several alternative phrases, or a regular expression. */
  match: string | readonly string[] | RegExp;
  /** For a RegExp: literal words (lower case), one of which must occur. */
  keywords?: readonly string[];
  /**
   * For a RegExp: at most how many characters before one of its keywords a match starts (0: it starts
   * with one), when the expression bounds it. The engine then searches from there, not from the start
   * of the text; a test holds each rule's lead against searches of the whole text.
   */
  lead?: number;
  /** The real reply this rule was written for; a test checks it classifies as this rule says. */
  example: string;
  /** Where the example comes from (documentation URL, MTA source, …). */
  source?: string;
  /** Higher wins when several rules match; defaults come from the table. */
  priority?: number;
  /** Overrides the permanence that category and reply class give. */
  permanence?: Permanence;
  /**
   * In a provider's table: words that mean this only when the provider answered (known by its host
   * or its marks in the text); from anyone else the same words are read by the other rules.
   */
  onlyFromProvider?: boolean;
}

/** A rule table: generic phrases, one provider, one MTA, the blocklists. */
export interface RuleTable {
  /** Prefix of every rule id in the table. */
  id: string;
  /** Default priority of its rules. */
  priority: number;
  /** Provider that these rules identify, when the table is a provider's. */
  provider?: string;
  rules: readonly RuleSpec[];
}

/** A status-code or provider-code mapping, used when no words decide. */
export interface CodeRule {
  /** Enhanced status code (`5.7.26`) or a prefix class pattern (`5.7.`) ; null to match on reply code alone. */
  status: string | null;
  reply?: number;
  reason: string;
  example: string;
}

export interface ProviderDef {
  /** Stable id used in diagnoses: `gmail`, `microsoft`, `yahoo`, … */
  id: string;
  name: string;
  /** Host name suffixes of the provider's MX and outbound hosts. */
  hosts: readonly string[];
  /** Its users' mailbox domains (gmail.com): a delivery there is the provider's. */
  mailboxDomains?: readonly string[];
  /** Names it has a domain of under many country suffixes (hotmail: hotmail.co.uk, hotmail.be…). */
  regionalNames?: readonly string[];
  /** Literal text that shows this provider wrote the reply (lower case). */
  markers: readonly string[];
  /** Provider's phrases and codes in the text. */
  rules: readonly RuleSpec[];
  /** Provider-level code knowledge: status codes that mean something precise at this provider. */
  codes?: readonly CodeRule[];
}

// The category names as the catalog spells them: a slice of a reason is an equal but other
// string, which every comparison in the engine's hot path would then read character by character.
const CANONICAL = new Map<string, Category>(CATEGORY_IDS.map((c) => [c, c]));

export function categoryOfReason(reason: string): Category {
  const category = reason.slice(0, reason.indexOf("."));
  return CANONICAL.get(category) ?? (category as Category);
}
