import type { DsnAction } from "../bounce/types.js";
import type { ActionType, Kind, Lang, Permanence } from "../catalog/types.js";

/** Every human-facing word the CLI prints, per language. */
export const LABELS = {
  en: {
    reply: "Reply",
    reason: "Reason",
    permanence: "Permanence",
    action: "Action",
    provider: "Provider",
    stage: "Stage",
    host: "Remote host",
    evidence: "Evidence",
    found: "Found",
    meaning: "What it means",
    todo: "What to do",
    confidence: "confidence",
    rule: "rule",
    noEvidence: "no rule matched; nothing in the input supports a category",
    levels: {
      text: "words",
      provider: "provider code",
      status: "status code",
      reply: "reply code",
      none: "none",
    },
    entities: {
      blocklists: "blocklists",
      ips: "IPs",
      domains: "domains",
      urls: "URLs",
      addresses: "addresses",
    },
    retryIn: "retry in",
    statedByServer: "as the server asks",
    usage: "usage",
    summary: "Summary",
    emails: "email(s)",
    progressEmails: "emails",
    total: "total",
    category: "Category",
    count: "Count",
    share: "Share",
  },
  id: {
    reply: "Balasan",
    reason: "Alasan",
    permanence: "Sifat",
    action: "Tindakan",
    provider: "Penyedia",
    stage: "Tahap",
    host: "Host tujuan",
    evidence: "Bukti",
    found: "Ditemukan",
    meaning: "Artinya",
    todo: "Yang perlu dilakukan",
    confidence: "keyakinan",
    rule: "aturan",
    noEvidence: "tidak ada aturan yang cocok; masukan tidak mendukung kategori mana pun",
    levels: {
      text: "kata-kata",
      provider: "kode penyedia",
      status: "kode status",
      reply: "kode balasan",
      none: "tidak ada",
    },
    entities: { blocklists: "daftar hitam", ips: "IP", domains: "domain", urls: "URL", addresses: "alamat" },
    retryIn: "coba lagi dalam",
    statedByServer: "sesuai permintaan server",
    usage: "penggunaan",
    summary: "Ringkasan",
    emails: "email",
    progressEmails: "email",
    total: "jumlah",
    category: "Kategori",
    count: "Jumlah",
    share: "Porsi",
  },
} as const;

export const KIND_NAMES: Record<Lang, Record<Kind, string>> = {
  en: {
    bounce: "Bounce",
    delay: "Deferral",
    autoreply: "Auto-reply",
    complaint: "Complaint",
    delivered: "Delivered",
    not_bounce: "Not a bounce",
  },
  id: {
    bounce: "Pentalan",
    delay: "Penundaan",
    autoreply: "Balasan otomatis",
    complaint: "Keluhan",
    delivered: "Terkirim",
    not_bounce: "Bukan pentalan",
  },
};

export const PERMANENCE_NAMES: Record<Lang, Record<Permanence, string>> = {
  en: { hard: "hard (permanent)", soft: "soft (temporary)" },
  id: { hard: "permanen", soft: "sementara" },
};

export const ACTION_NAMES: Record<Lang, Record<ActionType, string>> = {
  en: {
    suppress: "stop sending to this address",
    retry: "retry later",
    fix_sender_setup: "fix the sender's setup, then retry",
    slow_down: "slow down, then retry",
    contact_recipient: "contact the recipient another way",
    review_content: "change the message to meet the receiver's policy",
    none: "nothing to do",
  },
  id: {
    suppress: "hentikan pengiriman ke alamat ini",
    retry: "coba kirim lagi nanti",
    fix_sender_setup: "perbaiki pengaturan pengirim, lalu coba lagi",
    slow_down: "perlambat pengiriman, lalu coba lagi",
    contact_recipient: "hubungi penerima melalui cara lain",
    review_content: "ubah email agar sesuai kebijakan penerima",
    none: "tidak ada yang perlu dilakukan",
  },
};

/** A DSN recipient action (RFC 3464) as printed after the recipient. */
export const DSN_ACTION_NAMES: Record<Lang, Record<DsnAction, string>> = {
  en: {
    failed: "failed",
    delayed: "delayed",
    delivered: "delivered",
    relayed: "relayed",
    expanded: "expanded",
  },
  id: {
    failed: "gagal",
    delayed: "ditunda",
    delivered: "terkirim",
    relayed: "diteruskan",
    expanded: "diperluas ke beberapa alamat",
  },
};

/** Human duration: 90 → "1 min 30 s" / "1 mnt 30 dtk". */
export function formatDuration(seconds: number, lang: Lang): string {
  const u =
    lang === "id" ? { d: "hari", h: "jam", m: "mnt", s: "dtk" } : { d: "d", h: "h", m: "min", s: "s" };
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of [
    ["d", 86400],
    ["h", 3600],
    ["m", 60],
    ["s", 1],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n} ${u[unit]}`);
    rest -= n * size;
    if (parts.length === 2) break;
  }
  return parts.join(" ") || `0 ${u.s}`;
}

/** The language of the user's locale: Indonesian when it says so, English otherwise. */
export function localeLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const raw =
    env.LC_ALL ||
    env.LC_MESSAGES ||
    env.LANG ||
    env.LANGUAGE ||
    Intl.DateTimeFormat().resolvedOptions().locale;
  return /^(id|in)(?:[_.-]|$)/i.test(raw ?? "") ? "id" : "en";
}
