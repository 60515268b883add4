/**
 * A case-insensitive Aho-Corasick automaton, so that one pass over the text finds every keyword
 * of every rule. Characters are mapped to a small alphabet first: characters that occur in no
 * keyword share class 0, and all whitespace other than the plain space shares the class of the
 * tab, so a keyword "\t" finds any of it (the engine uses that to spot text to normalise).
 *
 * The root, the shallow states (where a scan spends most of its time) and the branching states
 * have dense rows: one table read per character, each entry holding the next state's reference
 * (a row offset: no multiply on the critical path) and a flag bit for states that end a keyword
 * (no second table read). The other states, nine in ten (the inside of a long keyword), are
 * sparse records of their one child and their failure state, laid out keyword by keyword: the
 * automaton takes 0.7 MB instead of 9 MB as a full table, at the same speed.
 */
import { WHITESPACE } from "../smtp/chars.js";
import { MARK_CHARS, TOKEN_CHARS } from "./entities.js";

const ODD_SPACE = WHITESPACE.filter((c) => c !== 32);
/** Characters in the order replies use them most (English text, digits, then punctuation). */
const FREQUENT = " etaoinsrlcdhumpfgybwvkxqjz0123456789.:-@<>[]()/;,'\"=#_+%!?*&$";
/** Set in a table entry when the state it leads to ends at least one keyword. */
const OUT = 1 << 30;
const ROW = OUT - 1;
/** Set in a state reference that names a sparse record rather than a dense row. */
const SPARSE = 1 << 29;
/** States down to this depth have dense rows (where a scan spends most of its time). */
const DENSE_DEPTH = 2;

// The scan also notes the runs of characters that may form a host name, an IP or an address
// (letters, digits, "-_+%=" and the marks ".@:") where a mark is followed by a letter, a digit or
// "%" (an IPv6 zone, "fe80::%eth0"): the spans the entity reader looks at ("said:" and "rejected."
// are not). These bits ride in the
// class table beside the class, so one read per character serves both; they are read off the
// chain of state reads, so they cost little.
const CLASS = 0x3ff;
const TOKEN_BIT = 10;
const TOKEN = 1 << TOKEN_BIT;
const MARK = 0x800;
/** One place above MARK, so `previous & (x >> 1)` holds MARK when a mark is followed by x. */
const ALNUM = MARK << 1;

/** What one pass over a text yields: keyword hits and the spans that may hold entities. */
export class ScanResult {
  /** (keyword, end) pairs, in order of end; hits beyond the buffer are dropped (they add nothing new). */
  readonly hits = new Int32Array(2 * 4096);
  hitCount = 0;
  /** (start, end) pairs of runs of host/address characters holding a ".", "@" or ":". */
  readonly spans = new Int32Array(2 * 1024);
  spanCount = 0;
}

export class Automaton {
  readonly keywords: readonly string[];
  private readonly classOf: Uint16Array;
  private readonly alphabet: number;
  /**
   * A state is referred to by its row offset in `dense` or by SPARSE | its offset in `sparse`.
   * Entry (row offset) + class: the next state's reference, | OUT if it ends a keyword.
   */
  private readonly dense: Int32Array;
  /** Per sparse state: its child's class (-1: none), the child's reference | OUT, its failure state. */
  private readonly sparse: Int32Array;
  private readonly denseCount: number;
  /** Per state number: where its keyword indexes start in `outList` (failure links followed). */
  private readonly outStart: Int32Array;
  private readonly outList: Int32Array;
  private readonly stateCount: number;
  /** Per state number: 1 when it ends a keyword after which a scan may stop (see `scan`). */
  private readonly stopState: Uint8Array;

  /**
   * Per keyword: how many of its hits a scan records (0: all). A word whose hits only set a flag or
   * mark a place need not fill the hit buffer, which would push out the rules' keywords after it.
   */
  private readonly cap: Int32Array;
  private readonly capScan: Int32Array;
  private readonly capCount: Int32Array;
  private scans = 0;
  /**
   * Once the hit buffer is a quarter full, a keyword without a cap of its own records at most this
   * many more hits (0: no limit): a text that repeats one word cannot fill the buffer either. (Not
   * from the first hit: counting every hit of every keyword costs 1-2% of a diagnosis.)
   */
  private readonly lateCap: number;

  /**
   * `stopKeywords`: indexes of the keywords whose first occurrence may end a scan early;
   * `caps`: (keyword index, most hits recorded) pairs; `lateCap`: see the field.
   */
  constructor(
    keywords: readonly string[],
    stopKeywords: readonly number[] = [],
    caps: ReadonlyArray<readonly [number, number]> = [],
    lateCap = 0,
  ) {
    this.lateCap = lateCap;
    this.keywords = keywords.map((k) => k.toLowerCase());
    const classOf = new Uint16Array(65536);
    let next = 1;
    const oddSpace = next++;
    for (const c of ODD_SPACE) classOf[c] = oddSpace;
    // Classes numbered by how often replies hold the character: a row's busy entries share cache lines.
    const used = new Set(this.keywords.join(""));
    const byFrequency = [...FREQUENT].filter((ch) => used.has(ch));
    for (const k of [byFrequency.join(""), ...this.keywords]) {
      for (const ch of k) {
        const code = ch.charCodeAt(0);
        if (ch.length !== 1 || classOf[code] !== 0) continue;
        const cls = next++;
        classOf[code] = cls;
        for (const variant of [ch.toUpperCase(), ch.toLowerCase()]) {
          if (variant.length === 1 && classOf[variant.charCodeAt(0)] === 0)
            classOf[variant.charCodeAt(0)] = cls;
        }
      }
    }
    if (next > CLASS) throw new Error("automaton alphabet too large");
    this.alphabet = next;
    const marked = new Uint16Array(classOf);
    for (const ch of TOKEN_CHARS) marked[ch.charCodeAt(0)] = marked[ch.charCodeAt(0)]! | TOKEN;
    for (const ch of MARK_CHARS) marked[ch.charCodeAt(0)] = marked[ch.charCodeAt(0)]! | MARK;
    for (const ch of TOKEN_CHARS)
      if (/[a-z0-9%]/i.test(ch)) marked[ch.charCodeAt(0)] = marked[ch.charCodeAt(0)]! | ALNUM;
    this.classOf = marked;

    // Trie.
    const goto: Map<number, number>[] = [new Map()];
    const out: number[][] = [[]];
    this.keywords.forEach((k, index) => {
      let s = 0;
      for (const ch of k) {
        const cls = ch.length === 1 ? classOf[ch.charCodeAt(0)]! : 0; // (before the token bits)
        let t = goto[s]!.get(cls);
        if (t === undefined) {
          t = goto.length;
          goto.push(new Map());
          out.push([]);
          goto[s]!.set(cls, t);
        }
        s = t;
      }
      out[s]!.push(index);
    });

    // Breadth-first failure links, folded into a complete transition table. The queue order is
    // the breadth-first numbering the final table uses.
    const n = goto.length;
    const A = this.alphabet;
    if (n * A >= OUT) throw new Error("automaton too large");
    const delta = new Int32Array(n * A);
    const fail = new Int32Array(n);
    const queue: number[] = [0];
    for (let c = 0; c < A; c++) {
      const t = goto[0]!.get(c);
      if (t !== undefined) {
        delta[c] = t;
        fail[t] = 0;
        queue.push(t);
      }
    }
    for (let qi = 1; qi < queue.length; qi++) {
      const s = queue[qi]!;
      const fs = fail[s]!;
      if (out[fs]!.length) out[s] = out[s]!.concat(out[fs]!);
      for (let c = 0; c < A; c++) {
        const t = goto[s]!.get(c);
        if (t !== undefined) {
          fail[t] = delta[fs * A + c]!;
          delta[s * A + c] = t;
          queue.push(t);
        } else {
          delta[s * A + c] = delta[fs * A + c]!;
        }
      }
    }
    // Depth of each state (the queue is breadth-first, so a parent is met before its children).
    const depth = new Int32Array(n);
    for (const st of queue) for (const t of goto[st]!.values()) depth[t] = depth[st]! + 1;
    // Dense rows for the root, the shallow states and every branching state; a state with one child
    // or none (nine in ten: the inside of a long keyword) is a sparse record of its child and its
    // failure state, so the whole automaton fits a few hundred kilobytes.
    const isDense = (st: number): boolean => depth[st]! <= DENSE_DEPTH || goto[st]!.size >= 2;
    const denseOrder = queue.filter(isDense); // the root first: a scan starts at row 0
    const sparseOrder: number[] = [];
    const pending = [0];
    for (let st = pending.pop(); st !== undefined; st = pending.pop()) {
      if (!isDense(st)) sparseOrder.push(st);
      pending.push(...[...goto[st]!.values()].reverse());
    }
    const D = denseOrder.length;
    if (D * A >= SPARSE || 3 * sparseOrder.length >= SPARSE) throw new Error("automaton too large");
    const ref = new Int32Array(n);
    denseOrder.forEach((old, d) => {
      ref[old] = d * A;
    });
    sparseOrder.forEach((old, p) => {
      ref[old] = SPARSE | (3 * p);
    });
    const withOut = (t: number): number => ref[t]! | (out[t]!.length ? OUT : 0);
    const dense = new Int32Array(D * A);
    denseOrder.forEach((old, d) => {
      for (let c = 0; c < A; c++) dense[d * A + c] = withOut(delta[old * A + c]!);
    });
    const sparse = new Int32Array(3 * sparseOrder.length);
    sparseOrder.forEach((old, p) => {
      const [child] = goto[old]!.entries();
      sparse[3 * p] = child ? child[0] : -1;
      sparse[3 * p + 1] = child ? withOut(child[1]) : 0;
      sparse[3 * p + 2] = ref[fail[old]!]!;
    });
    this.dense = dense;
    this.sparse = sparse;
    this.denseCount = D;
    // Outputs by state number: dense states first, then sparse ones (see `record`).
    const order = denseOrder.concat(sparseOrder);
    this.outStart = new Int32Array(n + 1);
    const flat: number[] = [];
    for (let k = 0; k < n; k++) {
      this.outStart[k] = flat.length;
      flat.push(...out[order[k]!]!);
    }
    this.outStart[n] = flat.length;
    this.outList = Int32Array.from(flat);
    this.stateCount = n;
    this.cap = new Int32Array(keywords.length);
    for (const [keyword, most] of caps) this.cap[keyword] = most;
    this.capScan = new Int32Array(keywords.length);
    this.capCount = new Int32Array(keywords.length);
    this.stopState = new Uint8Array(n);
    for (let k = 0; k < n; k++)
      if (out[order[k]!]!.some((index) => stopKeywords.includes(index))) this.stopState[k] = 1;
  }

  get states(): number {
    return this.stateCount;
  }

  /**
   * Finds every keyword occurrence, in order of end position, as (keyword, end) pairs in
   * `r.hits`, and the spans that may hold entities in `r.spans`. With `stopEarly`, the scan ends at
   * the first stop keyword (its hit recorded; returns true): the caller will scan another text.
   */
  scan(text: string, r: ScanResult, stopEarly = false): boolean {
    let stopped = false;
    this.scans = (this.scans + 1) | 0;
    const { classOf, dense, sparse } = this;
    const { hits, spans } = r;
    const n = text.length;
    const maxSpans = spans.length;
    let k = 0;
    let t = 0;
    let s = 0;
    let start = 0;
    let seen = 0;
    let previous = 0;
    let x = 0;
    let v = 0;
    let i = 0;
    while (i < n) {
      // The inner loop stores nothing and calls nothing, so the compiler keeps the tables' checks
      // out of it; it stops at the rare characters that end a keyword or a span.
      for (; i < n; i++) {
        x = classOf[text.charCodeAt(i)]!;
        const c = x & CLASS;
        for (;;) {
          if (s < SPARSE) {
            v = dense[s + c]!;
            break;
          }
          const o = s - SPARSE;
          if (sparse[o] === c) {
            v = sparse[o + 1]!;
            break;
          }
          s = sparse[o + 2]!;
        }
        s = v & ROW;
        if (v !== s) break;
        // Without a branch on the character's kind (a word's edge every few characters would be
        // mispredicted): m is all ones on a token character, zero on any other.
        const m = -((x >> TOKEN_BIT) & 1);
        if (seen & ~m & MARK) break;
        seen |= previous & (x >> 1) & m;
        previous = x & m;
        start = (start & m) | ((i + 1) & ~m);
      }
      if (i >= n) break;
      if (v !== s) {
        k = this.record(s, i + 1, hits, k);
        if (stopEarly && this.stopState[this.stateOf(s)] === 1) {
          stopped = true;
          break;
        }
      }
      if (x & TOKEN) {
        seen |= previous & (x >> 1);
        previous = x;
      } else {
        if (seen & MARK && t < maxSpans) {
          spans[t++] = start;
          spans[t++] = i;
        }
        seen = 0;
        previous = 0;
        start = i + 1;
      }
      i++;
    }
    if (seen & MARK && t < maxSpans && !stopped) {
      spans[t++] = start;
      spans[t++] = n;
    }
    r.hitCount = k >> 1;
    r.spanCount = t >> 1;
    return stopped;
  }

  /** The state number of a state reference: dense states first, then sparse ones. */
  private stateOf(row: number): number {
    return row < SPARSE ? (row / this.alphabet) | 0 : (this.denseCount + (row - SPARSE) / 3) | 0;
  }

  private record(row: number, end: number, hits: Int32Array, k: number): number {
    const state = this.stateOf(row);
    const { outStart, outList, cap, capScan, capCount } = this;
    const b = outStart[state + 1]!;
    const max = hits.length;
    const lateCap = k >= max >> 2 ? this.lateCap : 0;
    let j = outStart[state]!;
    for (; j < b && k < max; j++) {
      const keyword = outList[j]!;
      const most = cap[keyword]! > 0 ? cap[keyword]! : lateCap;
      if (most > 0) {
        if (capScan[keyword] !== this.scans) {
          capScan[keyword] = this.scans;
          capCount[keyword] = 0;
        }
        if (++capCount[keyword]! > most) continue;
      }
      hits[k++] = keyword;
      hits[k++] = end;
    }
    return k;
  }
}
