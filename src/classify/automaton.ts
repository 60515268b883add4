/**
 * A case-insensitive Aho-Corasick automaton compiled to a dense DFA, so that one
 * pass over the text finds every keyword of every rule. Characters are mapped to
 * a small alphabet first: characters that occur in no keyword share class 0, and
 * all whitespace shares the class of the space.
 */
const WHITESPACE = [9, 10, 11, 12, 13, 32, 0xa0, 0x3000];

// What the scan notes about each ASCII character besides its keyword class.
const TOKEN = 1; // may be part of a host name, an IP or an address
const MARK = 2; // a dot, "@" or ":": a token holding one may be an entity
const SPACE = 4; // a plain space
const ODD = 8; // whitespace other than one plain space: the text needs normalising
const INFO = new Uint8Array(128);
for (let c = 48; c <= 57; c++) INFO[c] = TOKEN;
for (let c = 65; c <= 90; c++) INFO[c] = TOKEN;
for (let c = 97; c <= 122; c++) INFO[c] = TOKEN;
for (const ch of "-_+%=") INFO[ch.charCodeAt(0)] = TOKEN;
for (const ch of ".@:") INFO[ch.charCodeAt(0)] = TOKEN | MARK;
INFO[32] = SPACE;
for (const c of [9, 10, 11, 12, 13]) INFO[c] = ODD;

function isOddSpace(c: number): boolean {
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** What one pass over a text yields: keyword hits, entity token spans, whether spacing is odd. */
export class ScanResult {
  /** (keyword, end) pairs. */
  readonly hits = new Int32Array(2 * 4096);
  hitCount = 0;
  /** (start, end) pairs of runs of host/address characters holding a dot, "@" or ":". */
  readonly tokens = new Int32Array(2 * 512);
  tokenCount = 0;
  /** Whitespace other than single spaces between words: normalise before trusting the hits. */
  oddSpace = false;
}

export class Automaton {
  readonly keywords: readonly string[];
  private readonly classOf: Uint8Array | Uint16Array;
  private readonly alphabet: number;
  private readonly delta: Uint16Array | Int32Array;
  /** For each state, where its keyword indexes start in `outList` (after following failure links). */
  private readonly outStart: Int32Array;
  private readonly outList: Int32Array;
  private readonly start: number;
  private readonly firstOut: number;
  private readonly stateCount: number;

  constructor(keywords: readonly string[]) {
    this.keywords = keywords.map((k) => k.toLowerCase().replace(/\s+/g, " "));
    const classOf = new Uint16Array(65536);
    let next = 1;
    const space = next++;
    for (const c of WHITESPACE) classOf[c] = space;
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
    // Small tables stay in cache: bytes for classes, 16-bit states while they fit.
    this.classOf = next < 256 ? Uint8Array.from(classOf) : classOf;
    this.alphabet = next;

    // Trie.
    const goto: Map<number, number>[] = [new Map()];
    const out: number[][] = [[]];
    this.keywords.forEach((k, index) => {
      let s = 0;
      for (const ch of k) {
        const cls = ch.length === 1 ? classOf[ch.charCodeAt(0)]! : 0;
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

    // Breadth-first failure links, folded into a complete transition table.
    const n = goto.length;
    const A = this.alphabet;
    const delta = new Int32Array(n * A);
    const fail = new Int32Array(n);
    const queue: number[] = [];
    for (let c = 0; c < A; c++) {
      const t = goto[0]!.get(c);
      if (t !== undefined) {
        delta[c] = t;
        fail[t] = 0;
        queue.push(t);
      }
    }
    for (let qi = 0; qi < queue.length; qi++) {
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
    // Renumber the states so that those with output come last: the scan then tests one
    // number per character instead of reading an output table.
    const order: number[] = [];
    for (let st = 0; st < n; st++) if (!out[st]!.length) order.push(st);
    const firstOut = order.length;
    for (let st = 0; st < n; st++) if (out[st]!.length) order.push(st);
    const rename = new Int32Array(n);
    order.forEach((old, neu) => {
      rename[old] = neu;
    });
    const table = n < 65536 ? new Uint16Array(n * A) : new Int32Array(n * A);
    for (let st = 0; st < n; st++) {
      const from = st * A;
      const to = rename[st]! * A;
      for (let c = 0; c < A; c++) table[to + c] = rename[delta[from + c]!]!;
    }
    this.delta = table;
    this.start = rename[0]!;
    this.firstOut = firstOut;
    this.outStart = new Int32Array(n - firstOut + 1);
    const flat: number[] = [];
    for (let k = firstOut; k < n; k++) {
      this.outStart[k - firstOut] = flat.length;
      flat.push(...out[order[k]!]!);
    }
    this.outStart[n - firstOut] = flat.length;
    this.outList = Int32Array.from(flat);
    this.stateCount = n;
  }

  get states(): number {
    return this.stateCount;
  }

  /**
   * Finds every keyword occurrence, in order of end position, as (keyword, end) pairs in `hits`;
   * returns the number of pairs, at most hits.length / 2.
   */
  scan(text: string, hits: Int32Array): number {
    const { classOf, delta, outStart, outList, alphabet, firstOut } = this;
    const n = text.length;
    const max = hits.length;
    let k = 0;
    let s = this.start;
    for (let i = 0; i < n; i++) {
      s = delta[s * alphabet + classOf[text.charCodeAt(i)]!]!;
      if (s >= firstOut) {
        const b = outStart[s - firstOut + 1]!;
        for (let j = outStart[s - firstOut]!; j < b && k < max; j++) {
          hits[k++] = outList[j]!;
          hits[k++] = i + 1;
        }
      }
    }
    return k >> 1;
  }

  /**
   * The one pass the engine makes: keyword hits as `scan` finds them and, on the same characters,
   * the spans that may hold IPs, host names or addresses, and whether the spacing is odd.
   */
  scanAll(text: string, r: ScanResult): void {
    const { classOf, delta, outStart, outList, alphabet, firstOut } = this;
    const { hits, tokens } = r;
    const n = text.length;
    const maxHits = hits.length;
    const maxTokens = tokens.length;
    let k = 0;
    let t = 0;
    let s = this.start;
    let tokenStart = 0;
    let marked = false;
    let prevSpace = true;
    let odd = false;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      s = delta[s * alphabet + classOf[c]!]!;
      if (s >= firstOut) {
        const b = outStart[s - firstOut + 1]!;
        for (let j = outStart[s - firstOut]!; j < b && k < maxHits; j++) {
          hits[k++] = outList[j]!;
          hits[k++] = i + 1;
        }
      }
      const info = c < 128 ? INFO[c]! : isOddSpace(c) ? ODD : 0;
      if (info & TOKEN) {
        prevSpace = false;
        if (info & MARK) marked = true;
        continue;
      }
      if (marked) {
        if (t < maxTokens) {
          tokens[t++] = tokenStart;
          tokens[t++] = i;
        }
        marked = false;
      }
      tokenStart = i + 1;
      if (info & SPACE) {
        if (prevSpace) odd = true;
        prevSpace = true;
      } else {
        prevSpace = false;
        if (info & ODD) odd = true;
      }
    }
    if (marked && t < maxTokens) {
      tokens[t++] = tokenStart;
      tokens[t++] = n;
    }
    r.hitCount = k >> 1;
    r.tokenCount = t >> 1;
    r.oddSpace = odd || prevSpace;
  }
}
