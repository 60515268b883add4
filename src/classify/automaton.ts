/**
 * A case-insensitive Aho-Corasick automaton compiled to a dense DFA, so that one
 * pass over the text finds every keyword of every rule. Characters are mapped to
 * a small alphabet first: characters that occur in no keyword share class 0, and
 * all whitespace shares the class of the space.
 */
export interface Hit {
  /** Index of the keyword in the list given to the constructor. */
  keyword: number;
  /** Index just after the last character of the match. */
  end: number;
}

const WHITESPACE = [9, 10, 11, 12, 13, 32, 0xa0, 0x3000];

export class Automaton {
  readonly keywords: readonly string[];
  private readonly classOf: Uint16Array;
  private readonly alphabet: number;
  private readonly delta: Int32Array;
  /** For each state, the keyword indexes that end there (after following failure links). */
  private readonly outputs: (readonly number[] | undefined)[];

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
    this.classOf = classOf;
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
    this.delta = delta;
    this.outputs = out.map((o) => (o.length ? o : undefined));
  }

  get states(): number {
    return this.outputs.length;
  }

  /** Calls `onHit` for every keyword occurrence, in order of end position. */
  scan(text: string, onHit: (keyword: number, end: number) => void): void {
    const { classOf, delta, outputs, alphabet } = this;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      s = delta[s * alphabet + classOf[text.charCodeAt(i)]!]!;
      const o = outputs[s];
      if (o !== undefined) for (let j = 0; j < o.length; j++) onHit(o[j]!, i + 1);
    }
  }
}
