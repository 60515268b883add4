/** A small deterministic PRNG (mulberry32) so that a fuzz failure can be replayed from its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `s` cut at a random point (possibly empty, possibly whole). */
export function truncate(random: () => number, s: string): string {
  return s.slice(0, Math.floor(random() * (s.length + 1)));
}

/** `s` with 1 to `most` of its characters replaced by random ones below `maxCode`. */
export function flipChars(random: () => number, s: string, most: number, maxCode: number): string {
  const chars = [...s];
  const n = 1 + Math.floor(random() * most);
  for (let k = 0; k < n; k++)
    chars[Math.floor(random() * chars.length)] = String.fromCharCode(Math.floor(random() * maxCode));
  return chars.join("");
}
