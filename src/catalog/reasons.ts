import type { ActionType, Category, Localized, Permanence, ReasonInfo } from "./types.js";

type Row = [
  detail: string,
  en: string,
  id: string,
  permanence?: Permanence,
  action?: ActionType,
  retryAfterSeconds?: number,
];

/** The finer reasons inside each category, as `category.detail`. */
const ROWS: Record<Category, Row[]> = {
  blocked: [
    ["dnsbl", "Listed on a DNS blocklist", "Tercantum di daftar hitam DNS"],
    ["provider_blocklist", "On the provider's own block list", "Ada di daftar blokir milik penyedia"],
    ["no_ptr", "Missing or generic reverse DNS (PTR)", "Reverse DNS (PTR) tidak ada atau generik"],
    ["policy", "Sending host blocked by policy", "Server pengirim diblokir oleh kebijakan"],
    [
      "domain_blocklist",
      "Sending domain or URL is blocklisted",
      "Domain pengirim atau URL masuk daftar hitam",
    ],
    // The recipient (or their organisation) chose to refuse this sender: retrying does not help.
    [
      "sender_blocked",
      "Sender address blocked by the recipient",
      "Alamat pengirim diblokir oleh penerima",
      "hard",
      "contact_recipient",
    ],
  ],
  dmarc: [
    [
      "policy_reject",
      "Rejected by the sending domain's DMARC policy",
      "Ditolak oleh kebijakan DMARC domain pengirim",
    ],
    ["spf_fail", "SPF check failed", "Pemeriksaan SPF gagal"],
    ["dkim_fail", "DKIM check failed", "Pemeriksaan DKIM gagal"],
    ["unauthenticated", "Message not authenticated", "Email tidak terautentikasi"],
    [
      "alignment",
      "Authentication not aligned with the From domain",
      "Autentikasi tidak selaras dengan domain From",
    ],
    ["auth_required", "The receiver requires authentication", "Penerima mewajibkan autentikasi"],
  ],
  invalid_address: [
    ["user_unknown", "Recipient address does not exist", "Alamat penerima tidak ada"],
    ["domain_not_found", "Recipient domain does not exist", "Domain penerima tidak ada"],
    [
      "no_mail_domain",
      "Recipient domain accepts no mail (null MX)",
      "Domain penerima tidak menerima email (null MX)",
    ],
    ["bad_syntax", "Recipient address is malformed", "Format alamat penerima salah"],
    ["moved", "The mailbox has moved", "Kotak surat sudah pindah"],
    [
      "suppressed",
      "Address is on a suppression or bounce list",
      "Alamat ada di daftar supresi (suppression list) atau daftar pentalan (bounce list)",
    ],
    [
      "not_accepted",
      "The recipient server accepts no mail for this address",
      "Server penerima tidak menerima email untuk alamat ini",
    ],
  ],
  inbox: [
    ["disabled", "Mailbox disabled or suspended", "Kotak surat dinonaktifkan atau ditangguhkan"],
    ["inactive", "Mailbox inactive", "Kotak surat tidak aktif"],
    ["unavailable", "Mailbox temporarily unavailable", "Kotak surat untuk sementara tidak tersedia"],
    ["locked", "Mailbox locked or busy", "Kotak surat terkunci atau sibuk"],
  ],
  inbox_full: [
    ["over_quota", "Mailbox over quota", "Kotak surat melebihi kuota"],
    ["too_many_messages", "Mailbox holds too many messages", "Kotak surat berisi terlalu banyak pesan"],
  ],
  rate_limit: [
    ["throttled", "Sender throttled", "Pengirim dibatasi lajunya"],
    ["too_many_connections", "Too many connections", "Terlalu banyak koneksi"],
    ["too_many_recipients", "Too many recipients", "Terlalu banyak penerima"],
    ["greylisted", "Greylisted, retry later", "Di-greylist, coba lagi nanti"],
    ["recipient_rate", "Recipient receiving mail too fast", "Penerima menerima email terlalu cepat"],
    // A daily quota comes back over a day, not in the minutes a throttle does.
    ["daily_quota", "Sending quota exceeded", "Kuota pengiriman terlampaui", undefined, undefined, 86400],
  ],
  recipient_error: [
    ["server_error", "Receiving server error", "Kesalahan server penerima"],
    ["unavailable", "Receiving service unavailable", "Layanan penerima tidak tersedia"],
    ["dns_failure", "Recipient domain DNS or MX failure", "Kegagalan DNS atau MX domain penerima"],
    [
      "connection_failed",
      "Could not connect to the receiving server",
      "Tidak dapat terhubung ke server penerima",
    ],
    ["tls_failure", "TLS negotiation failed", "Negosiasi TLS gagal"],
    ["expired", "Delivery expired after retries", "Pengiriman kedaluwarsa setelah beberapa percobaan"],
    [
      "restricted",
      "Recipient accepts mail only from certain senders",
      "Penerima hanya menerima email dari pengirim tertentu",
    ],
    ["system_full", "Receiving system out of storage", "Sistem penerima kehabisan ruang penyimpanan"],
    [
      "routing",
      "Routing error or mail loop at the receiver",
      "Kesalahan perutean atau perulangan di sisi penerima",
    ],
    ["mailer_error", "Local delivery program failed", "Program pengiriman lokal gagal"],
    // The receiving server's demands on the connecting client, which the sending side must meet.
    [
      "smtp_auth",
      "The server takes mail only after a login (SMTP AUTH), or the login failed",
      "Server hanya menerima email setelah login (SMTP AUTH), atau login gagal",
      undefined,
      "fix_sender_setup",
    ],
    [
      "tls_required",
      "The server requires an encrypted connection (STARTTLS)",
      "Server mewajibkan koneksi terenkripsi (STARTTLS)",
      undefined,
      "fix_sender_setup",
    ],
  ],
  rejection: [
    ["content", "Content refused", "Isi email ditolak"],
    ["virus", "Virus or malware detected", "Virus atau malware terdeteksi"],
    ["attachment", "Attachment refused", "Lampiran ditolak"],
    ["size", "Message too large", "Email terlalu besar"],
    ["loop", "Mail loop or too many hops", "Perulangan email atau terlalu banyak hop"],
    ["protocol", "Protocol or RFC violation", "Pelanggaran protokol atau RFC"],
    ["relay_denied", "Relaying denied", "Relay ditolak"],
    // The envelope sender (its address, or its domain's DNS) is what to fix, not the message.
    [
      "invalid_sender",
      "Sender address or domain invalid",
      "Alamat atau domain pengirim tidak valid",
      undefined,
      "fix_sender_setup",
    ],
    ["policy", "Refused by the receiver's policy", "Ditolak oleh kebijakan penerima"],
    [
      "too_many_recipients",
      "Too many recipients for one message",
      "Terlalu banyak penerima untuk satu email",
    ],
  ],
  sender_reputation: [
    ["spam", "Refused as likely spam", "Ditolak karena kemungkinan spam"],
    ["ip_reputation", "Poor IP reputation", "Reputasi IP buruk"],
    ["domain_reputation", "Poor domain reputation", "Reputasi domain buruk"],
    ["complaints", "Too many user complaints", "Terlalu banyak keluhan pengguna"],
    ["new_ip", "New or cold IP address", "Alamat IP baru atau belum dipanaskan (warm-up)"],
  ],
  unknown: [["unclassified", "Not classified", "Tidak terklasifikasi"]],
};

export const REASONS: ReadonlyMap<string, ReasonInfo> = new Map(
  (Object.keys(ROWS) as Category[]).flatMap((category) =>
    ROWS[category].map(([detail, en, id, permanence, action, retryAfterSeconds]): [string, ReasonInfo] => {
      const name: Localized = { en, id };
      const info: ReasonInfo = { id: `${category}.${detail}`, category, name };
      if (permanence) info.permanence = permanence;
      if (action) info.action = action;
      if (retryAfterSeconds) info.retryAfterSeconds = retryAfterSeconds;
      return [info.id, info];
    }),
  ),
);

export function reasonInfo(id: string): ReasonInfo | undefined {
  return REASONS.get(id);
}
