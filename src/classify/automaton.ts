/**
 * A case-insensitive Aho-Corasick automaton compiled to a dense DFA, so that one
 * pass over the text finds every keyword of every rule. Characters are mapped to
 * a small alphabet first: characters that occur in no keyword share class 0, and
 * all whitespace other than the plain space shares the class of the tab, so a
 * keyword "\t" finds any of it (the engine uses that to spot text to normalise).
 *
 * The scan is bound by the latency of one table read per character, so the table is laid out
 * for it: the shallow states, where a scan spends most of its time, come first and share a few
 * cache lines, each keyword's deeper states follow one another (see `layout`), each entry holds the next state's row offset (no multiply on
 * the critical path) and a flag bit for states that end a keyword (no second table read).
 */
import { MARK_CHARS, TOKEN_CHARS } from "./entities.js";

const ODD_SPACE = [
  9, 10, 11, 12, 13, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008,
  0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
];
/** Set in a table entry when the state it leads to ends at least one keyword. */
const OUT = 1 << 30;
const ROW = OUT - 1;
/** Depth of the states laid out breadth-first (see `layout`). */
const SHALLOW = 3;

// The scan also notes the runs of characters that may form a host name, an IP or an address
// (letters, digits, "-_+%=" and the marks ".@:") where a mark is followed by a letter, a digit or
// "%" (an IPv6 zone, "fe80::%eth0"): the spans the entity reader looks at ("said:" and "rejected."
// are not). These bits ride in the
// class table beside the class, so one read per character serves both; they are read off the
// chain of state reads, so they cost little.
const CLASS = 0x3ff;
const TOKEN = 0x400;
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
  /** Entry (row offset of state s) + class: row offset of the next state, | OUT if it has output. */
  private readonly delta: Int32Array;
  /** Per state number: where its keyword indexes start in `outList` (failure links followed). */
  private readonly outStart: Int32Array;
  private readonly outList: Int32Array;
  private readonly stateCount: number;

  constructor(keywords: readonly string[]) {
    this.keywords = keywords.map((k) => k.toLowerCase());
    const classOf = new Uint16Array(65536);
    let next = 1;
    const oddSpace = next++;
    for (const c of ODD_SPACE) classOf[c] = oddSpace;
    for (const k of this.keywords) {
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
    const order = layout(goto, queue, SHALLOW);
    if (order.length !== n) throw new Error("automaton layout lost states");
    const rename = new Int32Array(n);
    order.forEach((old, neu) => {
      rename[old] = neu;
    });
    const table = new Int32Array(n * A);
    for (let st = 0; st < n; st++) {
      const from = st * A;
      const to = rename[st]! * A;
      for (let c = 0; c < A; c++) {
        const t = delta[from + c]!;
        table[to + c] = rename[t]! * A + (out[t]!.length ? OUT : 0);
      }
    }
    this.delta = table;
    this.outStart = new Int32Array(n + 1);
    const flat: number[] = [];
    for (let k = 0; k < n; k++) {
      this.outStart[k] = flat.length;
      flat.push(...out[order[k]!]!);
    }
    this.outStart[n] = flat.length;
    this.outList = Int32Array.from(flat);
    this.stateCount = n;
  }

  get states(): number {
    return this.stateCount;
  }

  /**
   * Finds every keyword occurrence, in order of end position, as (keyword, end) pairs in
   * `r.hits`, and the spans that may hold entities in `r.spans`.
   */
  scan(text: string, r: ScanResult): void {
    const { classOf, delta } = this;
    const { hits, spans } = r;
    const n = text.length;
    const maxSpans = spans.length;
    let k = 0;
    let t = 0;
    let s = 0;
    let start = 0;
    let seen = 0;
    let previous = 0;
    for (let i = 0; i < n; i++) {
      const x = classOf[text.charCodeAt(i)]!;
      const v = delta[s + (x & CLASS)]!;
      s = v & ROW;
      if (v !== s) k = this.record(s, i + 1, hits, k);
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
    }
    if (seen & MARK && t < maxSpans) {
      spans[t++] = start;
      spans[t++] = n;
    }
    r.hitCount = k >> 1;
    r.spanCount = t >> 1;
  }

  private record(row: number, end: number, hits: Int32Array, k: number): number {
    const state = (row / this.alphabet) | 0;
    const { outStart, outList } = this;
    const b = outStart[state + 1]!;
    const max = hits.length;
    let j = outStart[state]!;
    for (; j < b && k < max; j++) {
      hits[k++] = outList[j]!;
      hits[k++] = end;
    }
    return k;
  }
}

/**
 * The order of states in the table: states down to depth SHALLOW breadth-first (where a scan spends
 * most of its time: they share a few pages), then the deeper ones depth-first, so that the rows a
 * long keyword walks through lie one after the other (a few pages, read ahead by the processor)
 * rather than scattered over the table (+3-4% diagnoses a second, measured A/B in one process).
 */
function layout(goto: Map<number, number>[], queue: number[], shallow: number): number[] {
  const depth = new Int32Array(goto.length);
  for (const s of queue) for (const t of goto[s]!.values()) depth[t] = depth[s]! + 1;
  const order = queue.filter((s) => depth[s]! <= shallow); // the root first: a scan starts at row 0
  for (const s of order.filter((s) => depth[s] === shallow)) {
    const pending = [...goto[s]!.values()].reverse();
    for (let t = pending.pop(); t !== undefined; t = pending.pop()) {
      order.push(t);
      pending.push(...[...goto[t]!.values()].reverse());
    }
  }
  return order;
}
