import { CATEGORIES } from "../catalog/categories.js";
import { REASONS } from "../catalog/reasons.js";
import type { Category, CategoryInfo, Lang, Permanence, ReasonInfo } from "../catalog/types.js";
import { LANGS } from "../catalog/types.js";
import { UPSTREAM_CODE_ROWS } from "../catalog/upstream-codes.js";
import type { BlocklistDef } from "../rules/blocklists.js";
import { DEFAULT_REASON, REPLY, STATUS, STATUS_SUBJECT } from "../rules/status-codes.js";
import type { CodeRule, ProviderDef, RuleTable } from "../rules/types.js";
import { categoryOfReason } from "../rules/types.js";
import { isWordChar } from "../smtp/chars.js";
import {
  normalizeCommand,
  normalizeReplyText,
  normalizeStatus,
  parseCodes,
  parseCommand,
  parseRemoteHost,
} from "../smtp/reply.js";
import { Automaton, ScanResult } from "./automaton.js";
import type { DiagnoseOptions, Diagnosis, EvidenceLevel, ReplyInput, RuleMatch } from "./diagnosis.js";
import { entitiesFromSpans } from "./entities.js";
import { RETRY_WORDS, statedRetryAfter } from "./retry.js";

/** A reason's catalog entry and its category's, looked up once per reason. */
interface ResolvedReason {
  info: ReasonInfo | undefined;
  category: Category;
  categoryInfo: CategoryInfo;
}
const resolvedReasons = new Map<string, ResolvedReason>();

function resolveReason(reason: string): ResolvedReason {
  let resolved = resolvedReasons.get(reason);
  if (resolved === undefined) {
    const info = REASONS.get(reason);
    const category = info?.category ?? categoryOfReason(reason);
    resolved = { info, category, categoryInfo: CATEGORIES[category] };
    resolvedReasons.set(reason, resolved);
  }
  return resolved;
}

/** A rule after compilation: everything the hot path needs, resolved once. */
export interface CompiledRule {
  index: number;
  id: string;
  category: Category;
  reason: string;
  priority: number;
  permanence: Permanence | undefined;
  provider: string | undefined;
  /** The provider (index) that alone gives these words this meaning; -1 for anyone's words. */
  onlyFrom: number;
  regex: RegExp | undefined;
  /** The same with the `g` flag, and how far before its first keyword a match may start (-1: unknown). */
  regexFrom: RegExp | undefined;
  lead: number;
  example: string;
  resolved: ResolvedReason;
}

enum Target {
  Literal = 0,
  Regex = 1,
  Provider = 2,
  Blocklist = 3,
  Flag = 4,
}

// Words that tell the engine which slower parsers are worth running on a text.
const FLAG_COMMAND = 1;
const FLAG_HOST = 2;
const FLAG_SOFT = 4;
const FLAG_RETRY = 8;
const FLAG_URL = 16;
/** Words that say the refused address is the sender's (Postfix, Exim sender verification). */
const FLAG_SENDER = 64;
/** A bare "try again": a deferral only where no reply code says otherwise. */
const FLAG_TRY_AGAIN = 128;
/** The words a stated retry delay begins with (see `statedRetryAfter`): where they start is kept. */
const FLAG_RETRY_WORD = 256;
const FLAG_WORDS: ReadonlyArray<readonly [string, number]> = [
  ["in reply to", FLAG_COMMAND],
  ["after ", FLAG_COMMAND],
  ["like our", FLAG_COMMAND | FLAG_HOST],
  [">>>", FLAG_COMMAND],
  [" command", FLAG_COMMAND],
  ["while sending", FLAG_COMMAND],
  ["host ", FLAG_HOST],
  ["host:", FLAG_HOST],
  ["server at", FLAG_HOST],
  ["connect to", FLAG_HOST],
  ["refused to talk", FLAG_HOST | FLAG_COMMAND],
  // "Try again" alone often follows a permanent refusal ("check your SPF settings and try again"):
  // it asks for a retry only with a time ("later", "in 5 minutes").
  ["try later", FLAG_SOFT | FLAG_RETRY],
  ["try again later", FLAG_SOFT | FLAG_RETRY],
  ["try again in ", FLAG_SOFT | FLAG_RETRY],
  ["retry later", FLAG_SOFT | FLAG_RETRY],
  ["retry in ", FLAG_SOFT | FLAG_RETRY],
  // A warning that the message is still queued: a delay, not a failure ("Message will be retried
  // for 2 more day(s)", "Delivery attempts will continue to be made for 1 day(s)").
  ["will be retried", FLAG_SOFT | FLAG_RETRY],
  ["not yet been delivered", FLAG_SOFT | FLAG_RETRY],
  ["attempts will continue", FLAG_SOFT | FLAG_RETRY],
  ["try again", FLAG_RETRY | FLAG_TRY_AGAIN],
  ["come back", FLAG_RETRY],
  ["greylist", FLAG_SOFT | FLAG_RETRY],
  ["graylist", FLAG_SOFT | FLAG_RETRY],
  ["temporar", FLAG_SOFT],
  ["retry", FLAG_RETRY],
  ["wait", FLAG_RETRY],
  ["later", FLAG_RETRY],
  ["deferred", FLAG_RETRY],
  ["sender address rejected", FLAG_SENDER],
  ["sender verify failed", FLAG_SENDER],
  ["sender verification failed", FLAG_SENDER],
  ["http", FLAG_URL],
  ["www.", FLAG_URL],
  ...RETRY_WORDS.map((w): [string, number] => [w, FLAG_RETRY_WORD]),
];

interface Candidate {
  rule: CompiledRule;
  start: number;
  end: number;
  /** The matched words; for literal rules made only when reported (see `matchedText`). */
  matched: string | null;
}

function matchedText(c: Candidate, text: string): string {
  c.matched ??= text.slice(c.start, c.end);
  return c.matched;
}

/** How far a diagnosis of each deciding level is to be trusted (a switch: a table read by a key that varies costs a slow lookup). */
function confidenceOf(level: EvidenceLevel): number {
  switch (level) {
    case "text":
      return 0.9;
    case "provider":
      return 0.8;
    case "status":
      return 0.6;
    case "reply":
      return 0.4;
    default:
      return 0;
  }
}
const TEXT_LIMIT = 64 * 1024;
/** A regex rule is tried within this many characters of a keyword hit, at up to WINDOWS hits. */
const WINDOW = 400;
const WINDOWS = 4;
const ENTITY_LIMIT = 16 * 1024;
/** How many places where a word of one kind starts are kept (see `Starts`). */
const STARTS = 64;
/**
 * How many more hits of one rule keyword a scan keeps once its buffer (4,096 hits) is a quarter full.
 * A literal rule needs its first hit that stands as a word, a regex rule its first hit and up to
 * WINDOWS - 1 more, each over WINDOW characters on: the 1,024 hits before, and these, reach past them.
 */
const KEYWORD_HITS = 256;

/**
 * Where the words of one kind start in the text, as the scan found them, in order: the places a
 * pattern that must begin with one of them is tried at, instead of a search over the whole text.
 * A count of -1 says more were found than kept, or the scan dropped hits: search everywhere.
 */
class Starts {
  readonly at = new Int32Array(STARTS);
  count = 0;

  clear(): void {
    this.count = 0;
  }

  add(start: number): void {
    if (this.count < STARTS) this.at[this.count] = start;
    this.count++;
  }

  /** Puts the starts in order (hits come in order of their end) and marks an incomplete list. */
  finish(complete: boolean): void {
    const n = this.count;
    // None seen: nothing to read (a full hit buffer may have dropped some, as it drops any word).
    if (n === 0) return;
    if (n > STARTS || !complete) {
      this.count = -1;
      return;
    }
    const { at } = this;
    for (let i = 1; i < n; i++) {
      const v = at[i]!;
      let j = i - 1;
      for (; j >= 0 && at[j]! > v; j--) at[j + 1] = at[j]!;
      at[j + 1] = v;
    }
  }
}

export interface RuleSet {
  tables: readonly RuleTable[];
  providers: readonly ProviderDef[];
  blocklists: readonly BlocklistDef[];
  /**
   * Run every regex rule whose keywords occur, even those a match already found outranks (slower,
   * same diagnoses: a test holds the two engines equal).
   */
  exhaustive?: boolean;
}

export class Engine {
  readonly rules: readonly CompiledRule[];
  readonly providers: readonly ProviderDef[];
  private readonly automaton: Automaton;
  /** Per keyword k: its (type, index) targets are pairs targetStart[k] .. targetStart[k + 1] of targetList. */
  private readonly targetStart: Int32Array;
  private readonly targetList: Int32Array;
  /** Per keyword: its length, and which of its ends must fall on a word boundary (1 start, 2 end). */
  private readonly keywordLength: Int32Array;
  private readonly keywordEdges: Uint8Array;
  private readonly hostSuffix = new Map<string, number>();
  private readonly hostCache = new Map<string, number>();
  private readonly providerCodes: (readonly CodeRule[])[];
  private readonly blocklistNames: readonly string[];
  private readonly upstreamPair = new Map<string, Category>();
  private readonly upstreamStatus = new Map<string, Category | null>();
  private readonly upstreamReply = new Map<number, Category>();
  private readonly stamp: Int32Array;
  private generation = 0;
  /** Reused scan buffers. */
  private readonly scanned = new ScanResult();
  // Scratch of one `collect`, reused from call to call: what a diagnosis allocates stays in its
  // result (a shared machine's caches are better spent on the rule tables than on garbage).
  private readonly candidates: Candidate[] = [];
  private readonly pool: Candidate[] = [];
  /** The strongest candidate of each other category (scratch of `diagnose`). */
  private readonly strongest: Candidate[] = [];
  private candidateCount = 0;
  private readonly regexRules: Int32Array;
  private readonly regexEnds: Int32Array;
  private readonly regexEndCount: Int32Array;
  /** Per regex rule: where the earliest of its keyword hits starts. */
  private readonly regexStart: Int32Array;
  private markerProvider = -1;
  private flags = 0;
  /** Where "http" and "www." start, and the first words of a stated retry delay. */
  private readonly urlStarts = new Starts();
  private readonly retryStarts = new Starts();
  private blocklists: string[] | null = null;

  private readonly exhaustive: boolean;

  constructor(set: RuleSet) {
    this.exhaustive = set.exhaustive === true;
    const keywords: string[] = [];
    const keywordIndex = new Map<string, number>();
    const targets: number[][] = [];
    const addTarget = (keyword: string, type: Target, index: number): void => {
      const k = keyword.toLowerCase().replace(/\s+/g, " ");
      let ki = keywordIndex.get(k);
      if (ki === undefined) {
        ki = keywords.length;
        keywords.push(k);
        keywordIndex.set(k, ki);
        targets.push([]);
      }
      targets[ki]!.push(type, index);
    };

    const rules: CompiledRule[] = [];
    const ids = new Set<string>();
    const tables: RuleTable[] = [
      ...set.tables,
      ...set.providers.map((p) => ({ id: p.id, priority: 60, provider: p.id, rules: p.rules })),
    ];
    for (const table of tables) {
      for (const spec of table.rules) {
        const id = `${table.id}.${spec.id}`;
        if (ids.has(id)) throw new Error(`duplicate rule id ${id}`);
        ids.add(id);
        if (!REASONS.has(spec.reason)) throw new Error(`rule ${id}: unknown reason ${spec.reason}`);
        const index = rules.length;
        const isRegex = spec.match instanceof RegExp;
        let regex: RegExp | undefined;
        let regexFrom: RegExp | undefined;
        if (spec.match instanceof RegExp) {
          const flags = spec.match.flags.replace(/[gy]/g, "");
          regex = new RegExp(spec.match.source, flags.includes("i") ? flags : `${flags}i`);
          if (spec.lead !== undefined) regexFrom = new RegExp(regex.source, `${regex.flags}g`);
        } else if (spec.lead !== undefined) throw new Error(`rule ${id}: a lead is for a regular expression`);
        rules.push({
          index,
          id,
          category: categoryOfReason(spec.reason),
          reason: spec.reason,
          priority: spec.priority ?? table.priority,
          permanence: spec.permanence,
          provider: table.provider,
          onlyFrom: spec.onlyFromProvider ? set.providers.findIndex((p) => p.id === table.provider) : -1,
          regex,
          regexFrom,
          lead: spec.lead ?? -1,
          example: spec.example,
          resolved: resolveReason(spec.reason),
        });
        if (isRegex) {
          if (!spec.keywords?.length) throw new Error(`rule ${id}: a regular expression needs keywords`);
          for (const k of spec.keywords) addTarget(k, Target.Regex, index);
        } else {
          const phrases = typeof spec.match === "string" ? [spec.match] : (spec.match as readonly string[]);
          for (const p of phrases) addTarget(p, Target.Literal, index);
        }
      }
    }
    set.providers.forEach((p, i) => {
      for (const m of p.markers) addTarget(m, Target.Provider, i);
      for (const h of p.hosts) this.hostSuffix.set(h.toLowerCase(), i);
    });
    for (const [word, flag] of FLAG_WORDS) addTarget(word, Target.Flag, flag);
    // Not through addTarget, which folds whitespace: these are the two shapes of odd spacing (the
    // automaton matches "\t" on any whitespace but the space). No target: a first scan stops at
    // either, and the text is normalised and scanned again.
    const oddSpace: number[] = [];
    for (const odd of ["\t", "  "]) {
      oddSpace.push(keywords.length);
      keywords.push(odd);
      targets.push([]);
    }
    set.blocklists.forEach((b, i) => {
      for (const m of b.markers) addTarget(m, Target.Blocklist, i);
    });
    this.rules = rules;
    this.providers = set.providers;
    this.providerCodes = set.providers.map((p) => p.codes ?? []);
    this.blocklistNames = set.blocklists.map((b) => b.name);
    // Words that only set a flag or mark a place keep at most one hit more than the places kept
    // (`Starts` then knows there were more); the others KEYWORD_HITS more once the hit buffer is a
    // quarter full: a text that repeats one word cannot fill it and hide the words after it.
    const caps: [number, number][] = [];
    targets.forEach((t, k) => {
      let flagsOnly = t.length > 0;
      for (let j = 0; j < t.length; j += 2) if (t[j] !== Target.Flag) flagsOnly = false;
      if (flagsOnly) caps.push([k, STARTS + 1]);
    });
    this.automaton = new Automaton(keywords, oddSpace, caps, KEYWORD_HITS);
    this.targetStart = new Int32Array(targets.length + 1);
    targets.forEach((t, k) => {
      this.targetStart[k + 1] = this.targetStart[k]! + t.length;
    });
    this.targetList = Int32Array.from(targets.flat());
    this.keywordLength = Int32Array.from(keywords, (k) => k.length);
    this.keywordEdges = Uint8Array.from(
      keywords,
      (k) => (isWordChar(k.charCodeAt(0)) ? 1 : 0) | (isWordChar(k.charCodeAt(k.length - 1)) ? 2 : 0),
    );
    this.stamp = new Int32Array(rules.length);
    this.regexRules = new Int32Array(rules.length);
    this.regexEnds = new Int32Array(rules.length * WINDOWS);
    this.regexEndCount = new Int32Array(rules.length);
    this.regexStart = new Int32Array(rules.length);

    const byStatus = new Map<string, Set<Category>>();
    const byReply = new Map<number, Set<Category>>();
    const byPair = new Map<string, Set<Category>>();
    for (const [category, code, status] of UPSTREAM_CODE_ROWS) {
      if (status) {
        const key = `${code} ${status}`;
        if (!byPair.has(key)) byPair.set(key, new Set());
        byPair.get(key)!.add(category);
        if (!byStatus.has(status)) byStatus.set(status, new Set());
        byStatus.get(status)!.add(category);
      } else {
        if (!byReply.has(code)) byReply.set(code, new Set());
        byReply.get(code)!.add(category);
      }
    }
    // A pair or status listed under two categories says nothing on its own.
    for (const [k, cats] of byPair) if (cats.size === 1) this.upstreamPair.set(k, [...cats][0]!);
    for (const [s, cats] of byStatus) this.upstreamStatus.set(s, cats.size === 1 ? [...cats][0]! : null);
    for (const [c, cats] of byReply) this.upstreamReply.set(c, [...cats][0]!);
  }

  /** Number of distinct keywords and automaton states, for the benchmark's report. */
  get size(): { rules: number; keywords: number; states: number } {
    return {
      rules: this.rules.length,
      keywords: this.automaton.keywords.length,
      states: this.automaton.states,
    };
  }

  /** Provider whose host suffix matches `host` (longest suffix first). */
  providerOfHost(host: string | null): number {
    if (!host) return -1;
    const cached = this.hostCache.get(host);
    if (cached !== undefined) return cached;
    let h = host.toLowerCase().replace(/\.$/, "");
    let p: number | undefined;
    for (;;) {
      p = this.hostSuffix.get(h);
      if (p !== undefined) break;
      const dot = h.indexOf(".");
      if (dot < 0) break;
      h = h.slice(dot + 1);
    }
    // Hosts repeat (a few MX names answer most mail): remember a bounded number of them.
    if (this.hostCache.size > 4096) this.hostCache.clear();
    this.hostCache.set(host, p ?? -1);
    return p ?? -1;
  }

  diagnose(input: string | ReplyInput, options?: DiagnoseOptions): Diagnosis {
    const given: ReplyInput = typeof input === "string" ? { response: input } : input;
    // From JavaScript: an input that is neither is a caller's mistake, said plainly (an optional
    // field of the wrong type is read as not given, below).
    if (typeof given !== "object" || given === null)
      throw new TypeError(
        `diagnose: the input must be a string or an object such as { response }, not ${given}`,
      );
    let raw = typeof given.response === "string" ? given.response : "";
    if (raw.length > TEXT_LIMIT) raw = raw.slice(0, TEXT_LIMIT);
    // One pass over the text as given; a text with odd spacing or continuation lines is
    // normalised and scanned again (rare: most replies arrive on one line with single spaces).
    let text = raw;
    let stopped = this.collect(text, true, this.exhaustive);
    if (
      stopped ||
      text.charCodeAt(0) === 32 ||
      text.charCodeAt(text.length - 1) === 32 ||
      text.charCodeAt(3) === 45
    ) {
      const normal = normalizeReplyText(raw);
      if (normal !== text || stopped) {
        text = normal;
        stopped = this.collect(text, false, this.exhaustive);
      }
    }
    const { candidates, candidateCount, markerProvider, flags } = this;
    const blocklists = this.blocklists ?? [];

    const givenCode =
      given.errorCode === undefined || given.errorCode === null ? null : Number(given.errorCode);
    const validGivenCode =
      givenCode !== null && Number.isInteger(givenCode) && givenCode >= 100 && givenCode <= 999;
    let statusCode = normalizeStatus(given.statusCode ?? null);
    let errorCode = validGivenCode ? givenCode : null;
    if (errorCode === null || statusCode === null || statusCode.endsWith(".0.0")) {
      const parsed = parseCodes(text);
      errorCode ??= parsed.errorCode;
      if (statusCode === null || (statusCode.endsWith(".0.0") && parsed.statusCode?.[0] === statusCode[0])) {
        statusCode = parsed.statusCode ?? statusCode;
      }
    }
    const remoteHost =
      given.remoteHost && typeof given.remoteHost === "string"
        ? given.remoteHost.toLowerCase()
        : flags & FLAG_HOST
          ? parseRemoteHost(text)
          : null;
    const command = normalizeCommand(given.command) ?? (flags & FLAG_COMMAND ? parseCommand(text) : null);

    let providerIndex = this.providerOfHost(remoteHost);
    if (providerIndex < 0) providerIndex = markerProvider;

    let best: Candidate | undefined;
    for (let i = 0; i < candidateCount; i++) {
      const c = candidates[i]!;
      if (c.rule.onlyFrom >= 0 && c.rule.onlyFrom !== providerIndex) continue;
      if (!best || stronger(c, best)) best = c;
    }
    // Vague words ("rejected", "refused") say less than a status code that names the mailbox's
    // state ("550 5.1.1 Recipient rejected", "550 5.2.1 … blocked due to inactivity"): the code
    // decides, the words stay among the alternatives.
    if (best && best.rule.priority <= WEAK_PRIORITY && statusCode !== null && MAILBOX_STATUS.test(statusCode))
      best = undefined;

    let provider = providerIndex >= 0 ? this.providers[providerIndex]!.id : null;
    // A provider's own wording names it only when no host is known: a host that is none of the known
    // providers answered itself (an Exchange server of its own, a reply that borrows the words).
    if (provider === null && remoteHost === null && best?.rule.provider) provider = best.rule.provider;

    let level: EvidenceLevel = "none";
    let reason = "unknown.unclassified";
    let ruleId: string | null = null;
    let matched: string | null = null;
    let rulePermanence: Permanence | undefined;
    if (best) {
      level = "text";
      reason = adjustForStage(
        best.rule.reason,
        command,
        errorCode,
        statusCode,
        (flags & FLAG_SENDER) !== 0,
        best.rule.priority <= WEAK_PRIORITY,
        matchedText(best, text),
      );
      ruleId = best.rule.id;
      matched = matchedText(best, text);
      rulePermanence = best.rule.permanence;
    } else {
      const decided = this.decideByCodes(providerIndex, errorCode, statusCode);
      if (decided) {
        [level, reason, ruleId, matched] = decided;
        reason = adjustForStage(reason, command, errorCode, statusCode, (flags & FLAG_SENDER) !== 0, false);
      }
    }

    // (Most diagnoses keep their rule's reason, looked up when the rule was compiled.)
    const resolved =
      best !== undefined && reason === best.rule.reason ? best.rule.resolved : resolveReason(reason);
    const reasonInfo = resolved.info;
    const category = resolved.category;
    const info = resolved.categoryInfo;
    const cls = errorCode !== null ? Math.floor(errorCode / 100) : statusCode ? Number(statusCode[0]) : 0;
    const softText = (flags & FLAG_SOFT) !== 0 || (cls === 0 && (flags & FLAG_TRY_AGAIN) !== 0);
    let permanence: Permanence;
    if (rulePermanence) permanence = rulePermanence;
    else if (reasonInfo?.permanence) permanence = reasonInfo.permanence;
    else if (info.permanence === "soft" && category !== "recipient_error") permanence = "soft";
    // "Try again" in a 5xx about the address ("no such user, check it and try again") asks for a
    // corrected address, not patience.
    else if (cls === 4 || (softText && !(cls === 5 && category === "invalid_address"))) permanence = "soft";
    else if (cls === 5) permanence = "hard";
    else permanence = info.permanence;

    // A 2xx reply is a success, but 220 and 221 only open or close a connection: a server that
    // closes it before the message is through is a deferral (the upstream table files 221 under
    // rate_limit). After a success there is nothing to do, whatever the words say.
    const delivered = cls === 2 && errorCode !== 220 && errorCode !== 221;
    // Without a code, words that say the failure is temporary make it a deferral.
    const kind = delivered
      ? "delivered"
      : cls === 4 || cls === 2 || (cls === 0 && softText)
        ? "delay"
        : "bounce";
    let actionType = delivered ? "none" : (reasonInfo?.action ?? info.action);
    // A permanent failure is not retried as it is: when the receiving side's own problem is permanent
    // (no mail hosts, a group closed to this sender), the way on is through the recipient.
    // A mailbox that will not take mail again for this sender (disabled for good, full for good): stop
    // sending to it.
    if (actionType === "retry" && permanence === "hard")
      actionType = category === "inbox" || category === "inbox_full" ? "suppress" : "contact_recipient";
    // A temporary failure is retried by the sending server: "user unknown" under 4xx is suppressed
    // only after repeats (the suppression policy counts bounces, not deferrals).
    if (actionType === "suppress" && permanence === "soft" && cls !== 5) actionType = "retry";
    let retryAfterSeconds: number | null = null;
    let retryAfterSource: "text" | "default" | null = null;
    if (permanence === "soft" && actionType !== "none") {
      const stated =
        flags & FLAG_RETRY ? statedRetryAfter(text, this.retryStarts.at, this.retryStarts.count) : null;
      // A deferral of a category that names no delay (a 4xx "user unknown") still gets one.
      const fallback =
        reasonInfo?.retryAfterSeconds ??
        info.retryAfterSeconds ??
        (actionType === "retry" ? DEFERRAL_RETRY_SECONDS : null);
      if (stated !== null) {
        retryAfterSeconds = stated;
        retryAfterSource = "text";
      } else if (fallback !== null) {
        retryAfterSeconds = fallback;
        retryAfterSource = "default";
      }
    }

    // The strongest other match of each other category, strongest first (a handful at most).
    const alternatives: RuleMatch[] = [];
    // (One candidate is an alternative too when the codes decided over its vague words, or when the
    // stage turned its reason into another category's: "550 5.1.7 Unknown Recipient" is the sender's
    // address, and the words alone would say invalid_address, as they do beside a second match.)
    if (
      candidateCount > 1 ||
      (candidateCount === 1 && (level !== "text" || category !== candidates[0]!.rule.category))
    ) {
      // (Plain loops over a reused list: a handful of candidates, no closures or sort calls.)
      const strongest = this.strongest;
      let m = 0;
      for (let i = 0; i < candidateCount; i++) {
        const c = candidates[i]!;
        const other = c.rule.category;
        if (other === category || (c.rule.onlyFrom >= 0 && c.rule.onlyFrom !== providerIndex)) continue;
        let k = 0;
        while (k < m && strongest[k]!.rule.category !== other) k++;
        if (k === m) strongest[m++] = c;
        else if (stronger(c, strongest[k]!)) strongest[k] = c;
      }
      // Strongest first; equals keep their order (a stable sort).
      for (let a = 1; a < m; a++) {
        const c = strongest[a]!;
        let b = a - 1;
        for (; b >= 0 && stronger(c, strongest[b]!); b--) strongest[b + 1] = strongest[b]!;
        strongest[b + 1] = c;
      }
      for (let a = 0; a < m; a++) {
        const c = strongest[a]!;
        alternatives.push({
          ruleId: c.rule.id,
          category: c.rule.category,
          reason: c.rule.reason,
          matched: matchedText(c, text),
        });
      }
    }

    const diagnosis: Diagnosis = {
      kind,
      category,
      errorCode,
      statusCode,
      reason,
      permanence,
      action: { type: actionType, retryAfterSeconds, retryAfterSource },
      provider,
      command,
      remoteHost,
      entities: entitiesFromSpans(
        text,
        this.scanned.spans,
        this.scanned.spanCount,
        ENTITY_LIMIT,
        blocklists,
        this.urlStarts.at,
        this.urlStarts.count,
      ),
      evidence: { ruleId, level, matched, confidence: confidenceOf(level), alternatives },
    };
    const langs = tipLanguages(options?.lang);
    if (langs) {
      const tips: Partial<Record<Lang, readonly string[]>> = {};
      // A category's tips say how to get mail through: after a success there is nothing to do.
      for (const l of langs) tips[l] = delivered ? NO_TIPS : info.tips[l];
      diagnosis.tips = tips;
    }
    return diagnosis;
  }

  /** The prefilter keywords of a rule (for tests). */
  keywordsOf(ruleId: string): string[] {
    const rule = this.rules.find((r) => r.id === ruleId);
    if (!rule) return [];
    const { targetStart, targetList } = this;
    const out: string[] = [];
    this.automaton.keywords.forEach((keyword, ki) => {
      for (let j = targetStart[ki]!; j < targetStart[ki + 1]!; j += 2)
        if (targetList[j + 1] === rule.index && targetList[j]! <= Target.Regex) out.push(keyword);
    });
    return out;
  }

  /** Every rule that matches `text` (already normalised), strongest first: for tests and explanations. */
  matches(text: string): RuleMatch[] {
    this.collect(text);
    return this.candidates
      .slice(0, this.candidateCount)
      .sort(byStrength)
      .map((c) => ({
        ruleId: c.rule.id,
        category: c.rule.category,
        reason: c.rule.reason,
        matched: matchedText(c, text),
      }));
  }

  /**
   * One pass over the text: literal rules, regex gates, provider markers, blocklist names, into
   * the engine's scratch (`candidates`, `markerProvider`, `flags`, `blocklists`). With
   * `stopIfOdd`, a text with odd spacing is left before its regex rules run (returns true): the
   * caller normalises it and collects again. Without `everyMatch`, a regex rule that a candidate
   * already found outranks is not run (see `outranked`).
   */
  private collect(text: string, stopIfOdd = false, everyMatch = true): boolean {
    const gen = ++this.generation;
    const {
      stamp,
      targetStart,
      targetList,
      keywordLength,
      keywordEdges,
      rules,
      regexRules,
      regexEnds,
      regexEndCount,
      regexStart,
    } = this;
    let regexCount = 0;
    let markerProvider = -1;
    let flags = 0;
    const { urlStarts, retryStarts } = this;
    urlStarts.clear();
    retryStarts.clear();
    this.candidateCount = 0;
    this.blocklists = null;
    const scanned = this.scanned;
    // (Told by the scan itself, not by the flag: with its hit buffer full, the stop keyword's hit is
    // dropped.)
    const stopped = this.automaton.scan(text, scanned, stopIfOdd);
    const hits = scanned.hits;
    const count = scanned.hitCount;
    for (let h = 0; h < count; h++) {
      const ki = hits[2 * h]!;
      const end = hits[2 * h + 1]!;
      const start = end - keywordLength[ki]!;
      const last = targetStart[ki + 1]!;
      for (let j = targetStart[ki]!; j < last; j += 2) {
        const type = targetList[j]!;
        const index = targetList[j + 1]!;
        if (type === Target.Literal) {
          const edges = keywordEdges[ki]!;
          if (edges & 1 && start > 0 && isWordChar(text.charCodeAt(start - 1))) continue;
          if (edges & 2 && end < text.length && isWordChar(text.charCodeAt(end))) continue;
          this.addCandidate(rules[index]!, start, end, null);
        } else if (type === Target.Regex) {
          // Regex rules to verify, each with the end positions of up to WINDOWS keyword hits.
          if (stamp[index] !== gen) {
            stamp[index] = gen;
            regexRules[regexCount++] = index;
            regexEnds[index * WINDOWS] = end;
            regexEndCount[index] = 1;
            regexStart[index] = start;
          } else {
            // Hits come in order of their end: a shorter keyword may start later than an earlier one.
            if (start < regexStart[index]!) regexStart[index] = start;
            const n = regexEndCount[index]!;
            if (n < WINDOWS && end - regexEnds[index * WINDOWS + n - 1]! > WINDOW) {
              regexEnds[index * WINDOWS + n] = end;
              regexEndCount[index] = n + 1;
            }
          }
        } else if (type === Target.Flag) {
          flags |= index;
          if (index === FLAG_URL) urlStarts.add(start);
          else if (index === FLAG_RETRY_WORD) retryStarts.add(start);
        } else if (type === Target.Provider) {
          if (markerProvider < 0) markerProvider = index;
        } else {
          const name = this.blocklistNames[index]!;
          this.blocklists ??= [];
          if (!this.blocklists.includes(name)) this.blocklists.push(name);
        }
      }
    }
    this.markerProvider = markerProvider;
    this.flags = flags;
    // With hits dropped (a full buffer), the readers that use the starts look everywhere.
    const complete = count * 2 < hits.length;
    urlStarts.finish(complete);
    retryStarts.finish(complete);
    if (stopped) return true;
    for (let r = 0; r < regexCount; r++) {
      const index = regexRules[r]!;
      const rule = rules[index]!;
      if (!everyMatch && this.outranked(rule)) continue;
      this.verify(rule, text, regexEnds, index * WINDOWS, regexEndCount[index]!, regexStart[index]!);
    }
    return false;
  }

  /**
   * Whether a candidate already found outranks any match of `rule`: of the same category, anyone's
   * words, a higher priority. Such a match could neither decide nor stand for its category among the
   * alternatives, so its expression need not run (four regex runs in ten on the corpus).
   */
  private outranked(rule: CompiledRule): boolean {
    const { candidates, candidateCount } = this;
    for (let i = 0; i < candidateCount; i++) {
      const other = candidates[i]!.rule;
      if (other.category === rule.category && other.onlyFrom < 0 && other.priority > rule.priority)
        return true;
    }
    return false;
  }

  /** Adds a candidate to the scratch list, reusing the objects of earlier calls. */
  private addCandidate(rule: CompiledRule, start: number, end: number, matched: string | null): void {
    const k = this.candidateCount++;
    let c = this.pool[k];
    if (c === undefined) {
      c = { rule, start, end, matched };
      this.pool.push(c);
    } else {
      c.rule = rule;
      c.start = start;
      c.end = end;
      c.matched = matched;
    }
    this.candidates[k] = c;
  }

  /**
   * Runs a regex rule near the places where its keywords occur (`count` end positions from
   * `ends[from]`): the whole text when it is short, else a window around each of the first hits.
   * The work per rule is bounded whatever the input. A match is added to the candidates. In a short
   * text, a rule that says how far before its keywords a match may start (`lead`) is searched from
   * there (`firstStart`: where its earliest keyword hit starts): no match can start before.
   */
  private verify(
    rule: CompiledRule,
    text: string,
    ends: ArrayLike<number>,
    from: number,
    count: number,
    firstStart = 0,
  ): boolean {
    let re = rule.regex!;
    if (text.length <= 2 * WINDOW) {
      const searchFrom = rule.lead >= 0 ? firstStart - rule.lead : 0;
      if (searchFrom > 0) {
        re = rule.regexFrom!;
        re.lastIndex = searchFrom;
      }
      const m = re.exec(text);
      if (m) this.addCandidate(rule, m.index, m.index + m[0].length, m[0]);
      return m !== null;
    }
    for (let i = 0; i < count; i++) {
      const end = ends[from + i]!;
      const at = Math.max(0, end - WINDOW);
      const m = re.exec(text.slice(at, Math.min(text.length, end + WINDOW)));
      if (m) {
        this.addCandidate(rule, at + m.index, at + m.index + m[0].length, m[0]);
        return true;
      }
    }
    return false;
  }

  /** Where the first hit of each of a rule's keywords ends in `text`, by plain search (for tests). */
  keywordEnds(ruleId: string, text: string): number[] {
    const lower = text.toLowerCase();
    const ends: number[] = [];
    for (const k of this.keywordsOf(ruleId)) {
      const at = lower.indexOf(k);
      if (at >= 0) ends.push(at + k.length);
    }
    return ends.sort((a, b) => a - b);
  }

  /**
   * `verify` for one rule by id, near the given keyword ends (by default found by plain search), for
   * tests: the ReDoS test times this, the work the engine does once the scan has found the keywords.
   */
  verifyRule(ruleId: string, text: string, ends = this.keywordEnds(ruleId, text)): RuleMatch | null {
    const rule = this.rules.find((r) => r.id === ruleId);
    if (!rule?.regex) return null;
    this.candidateCount = 0;
    if (!this.verify(rule, text, ends, 0, Math.min(WINDOWS, ends.length))) return null;
    const found = this.candidates[0]!;
    return { ruleId, category: rule.category, reason: rule.reason, matched: matchedText(found, text) };
  }

  /** Provider codes, then the status code, then the reply code: the weaker levels. */
  private decideByCodes(
    providerIndex: number,
    errorCode: number | null,
    givenStatus: string | null,
  ): [EvidenceLevel, string, string, string] | null {
    // A success status (2.x.x) names no failure: its subject says nothing about what went wrong.
    const statusCode = givenStatus !== null && givenStatus.charCodeAt(0) === 50 ? null : givenStatus;
    if (providerIndex >= 0) {
      for (const c of this.providerCodes[providerIndex]!) {
        if (c.reply !== undefined && c.reply !== errorCode) continue;
        if (
          c.status !== null &&
          !(statusCode === c.status || (c.status.endsWith(".") && statusCode?.startsWith(c.status)))
        ) {
          continue;
        }
        const id = this.providers[providerIndex]!.id;
        return ["provider", c.reason, `${id}.code.${c.status ?? c.reply}`, statusCode ?? String(errorCode)];
      }
    }
    // "Other or undefined" statuses (x.0.0, x.5.0) say less than the reply code does.
    const vague =
      statusCode !== null && /^\d\.[05]\.0$/.test(statusCode) && errorCode !== null && REPLY[errorCode];
    if (statusCode !== null && !vague) {
      const [, subject, detail] = statusCode.split(".");
      const registered = STATUS[statusCode] ?? STATUS[`${subject}.${detail}`];
      if (registered) return ["status", registered, `status.${subject}.${detail}`, statusCode];
      const pair = errorCode !== null ? this.upstreamPair.get(`${errorCode} ${statusCode}`) : undefined;
      const upstream = pair ?? this.upstreamStatus.get(statusCode);
      if (upstream)
        return [
          "status",
          DEFAULT_REASON[upstream]!,
          `upstream.${errorCode ?? "any"}.${statusCode}`,
          statusCode,
        ];
    }
    // A status of a known subject outranks the reply code (5.7.60 under 550 is a policy refusal, not
    // an unknown user), unless the status is vague or the reply code is itself precise (535).
    if (statusCode !== null && !vague && (errorCode === null || !PRECISE_REPLIES.has(errorCode))) {
      const subject = statusCode.split(".")[1]!;
      const fallback = STATUS_SUBJECT[subject];
      if (fallback) return ["status", fallback, `status.${subject}.x`, statusCode];
    }
    if (errorCode !== null) {
      const reply = REPLY[errorCode];
      if (reply) return ["reply", reply, `reply.${errorCode}`, String(errorCode)];
      const upstream = this.upstreamReply.get(errorCode);
      if (upstream) return ["reply", DEFAULT_REASON[upstream]!, `upstream.${errorCode}`, String(errorCode)];
    }
    if (statusCode !== null) {
      const subject = statusCode.split(".")[1]!;
      const fallback = STATUS_SUBJECT[subject];
      if (fallback) return ["status", fallback, `status.${subject}.x`, statusCode];
    }
    return null;
  }
}

/** Reply codes that say more than any status subject: SMTP AUTH (RFC 4954), null MX (RFC 7504), moved. */
const PRECISE_REPLIES: ReadonlySet<number> = new Set([521, 530, 534, 535, 538, 551, 556]);

/** Higher priority wins; between equals, the earlier match. */
function stronger(a: Candidate, b: Candidate): boolean {
  return a.rule.priority > b.rule.priority || (a.rule.priority === b.rule.priority && a.start < b.start);
}

function byStrength(a: Candidate, b: Candidate): number {
  return stronger(a, b) ? -1 : stronger(b, a) ? 1 : 0;
}

/** The suggested delay of a retry whose category and reason name none: an hour. */
const DEFERRAL_RETRY_SECONDS = 3600;

const NO_TIPS: readonly string[] = Object.freeze([]);

/** Rules at or below this priority are vague words ("rejected", "access denied"). */
const WEAK_PRIORITY = 25;
/** Status codes that name the address or mailbox state: unknown, bad domain, moved, disabled, full. */
const MAILBOX_STATUS = /^(?:[45]\.(?:1\.(?:1|2|3|6|10)|2\.[12])|4\.2\.0)$/;

/** Replies of SMTP AUTH alone (RFC 4954): 530 required, 534 too weak, 535 refused, 538 needs TLS. */
const AUTH_REPLIES: ReadonlySet<number> = new Set([530, 534, 535, 538]);

/**
 * The SMTP stage says whose problem it is. An address that "does not exist" at MAIL FROM, under a
 * sender status (x.1.7, x.1.8, x.7.27 null MX), or in a reply that says so ("Sender address
 * rejected:", "Sender verify failed") is the sender's address: a rejection of this sender, not a bad
 * recipient. A 5xx reply that says the connection is refused is a block of this sender. Authentication
 * words in an SMTP AUTH reply (535 "authentication failed") are about
 * the sending client's login, not SPF/DKIM/DMARC. A refusal in vague words at connection time can
 * only be about the connecting host: a block.
 */
function adjustForStage(
  reason: string,
  command: string | null,
  errorCode: number | null,
  statusCode: string | null,
  senderWords: boolean,
  vague: boolean,
  matched: string | null = null,
): string {
  if (reason.startsWith("invalid_address.")) {
    if (
      command === "MAIL" ||
      senderWords ||
      (statusCode !== null && /^\d\.(?:1\.[78]|7\.27)$/.test(statusCode))
    )
      return "rejection.invalid_sender";
  } else if (reason.startsWith("dmarc.")) {
    if (command === "AUTH" || (errorCode !== null && AUTH_REPLIES.has(errorCode)))
      return "recipient_error.smtp_auth";
  } else if (reason === "recipient_error.connection_failed") {
    // "550 5.7.1 Connection refused": a server that answers has let the connection in and refuses
    // this sender; a connection that failed has no reply (or a routing status, x.4.x).
    if (
      errorCode !== null &&
      errorCode >= 500 &&
      errorCode < 600 &&
      /refused|rejected/i.test(matched ?? "") &&
      (statusCode === null || (statusCode[0] === "5" && !statusCode.startsWith("5.4.")))
    )
      return "blocked.policy";
  } else if (vague && command === "CONNECT" && reason === "rejection.policy") {
    return "blocked.policy";
  }
  return reason;
}

function tipLanguages(lang: DiagnoseOptions["lang"]): readonly Lang[] | null {
  if (lang === "none") return null;
  if (lang === undefined || lang === null || lang === "all") return LANGS;
  const langs = typeof lang === "string" ? [lang] : Array.isArray(lang) ? lang : [lang];
  // From JavaScript, or a cast: a language without tips would give `tips.fr: undefined`.
  for (const l of langs)
    if (!LANGS.includes(l))
      throw new RangeError(
        `lang must be ${LANGS.join(", ")}, a list of them, "all" or "none"; not ${JSON.stringify(l)}`,
      );
  return langs;
}
