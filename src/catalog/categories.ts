import type { Category, CategoryInfo } from "./types.js";

/**
 * The taxonomy as data. Tips are diagnosa's own sentences and cover everything
 * the taxonomy asks of each category, in English and Indonesian.
 */
export const CATEGORIES: Readonly<Record<Category, CategoryInfo>> = {
  blocked: {
    id: "blocked",
    name: { en: "Blocked", id: "Diblokir" },
    definition: {
      en: "The receiver refuses mail from this sender's IP address or domain because of a block: a DNS blocklist, the provider's own block list, missing or generic reverse DNS, or a policy block of the sending host.",
      id: "Penerima menolak email dari alamat IP atau domain pengirim karena pemblokiran: daftar hitam DNS (blocklist), daftar blokir milik penyedia sendiri, reverse DNS (PTR) yang tidak ada atau generik, atau kebijakan yang memblokir server pengirim.",
    },
    permanence: "soft",
    action: "fix_sender_setup",
    retryAfterSeconds: 4 * 3600,
    tips: {
      en: [
        "Check whether your sending IP address or domain is on a blocklist (Spamhaus, Spamcop, Barracuda, UCEPROTECT, …) and follow that list's delisting process (some lists expire listings by themselves once the cause stops).",
        "Make sure the sending IP has a reverse DNS (PTR) name that resolves back to the same IP and is not a generic dynamic-looking name.",
        "Review the content for spam triggers: many links, link shorteners, suspicious attachments, clickbait subjects.",
        "Keep the sending volume steady, without sudden spikes, and send only to a clean, opted-in list.",
        "If the block persists after delisting, contact the recipient's mail provider or administrator and ask them to lift it.",
      ],
      id: [
        "Periksa apakah alamat IP atau domain pengirim Anda masuk daftar hitam (Spamhaus, Spamcop, Barracuda, UCEPROTECT, …) dan ikuti proses penghapusan (delisting) dari daftar tersebut (sebagian daftar menghapus pencantuman dengan sendirinya setelah penyebabnya berhenti).",
        "Pastikan IP pengirim memiliki reverse DNS (PTR) yang mengarah kembali ke IP yang sama dan bukan nama generik yang tampak seperti IP dinamis.",
        "Tinjau isi email dari pemicu spam: terlalu banyak tautan, penyingkat tautan, lampiran mencurigakan, subjek yang bersifat clickbait.",
        "Jaga volume pengiriman tetap stabil tanpa lonjakan mendadak, dan kirim hanya ke daftar penerima yang bersih dan sudah memberi persetujuan.",
        "Jika pemblokiran tetap terjadi setelah delisting, hubungi penyedia email atau administrator penerima dan minta agar blokir dicabut.",
      ],
    },
    checks: ["blocklist", "rdns", "content"],
  },
  dmarc: {
    id: "dmarc",
    name: { en: "DMARC", id: "DMARC" },
    definition: {
      en: "Authentication failed: the message did not pass DMARC policy or alignment, SPF or DKIM failed, or the message was not authenticated at all.",
      id: "Autentikasi gagal: email tidak lolos kebijakan atau keselarasan (alignment) DMARC, SPF atau DKIM gagal, atau email sama sekali tidak terautentikasi.",
    },
    permanence: "hard",
    action: "fix_sender_setup",
    retryAfterSeconds: null,
    tips: {
      en: [
        "Publish a correct DMARC record (_dmarc.yourdomain) for the sending domain.",
        "Align SPF and DKIM with the domain in the From header: the Return-Path domain (SPF) or the DKIM d= domain must match it.",
        "Check that the SPF record exists, is valid (one record, at most 10 DNS lookups) and authorises the service that sends your mail.",
        "Check that messages are DKIM-signed with a published, valid key for the sending domain, and test a message after each change.",
      ],
      id: [
        "Terbitkan record DMARC yang benar (_dmarc.domainanda) untuk domain pengirim.",
        "Selaraskan SPF dan DKIM dengan domain pada header From: domain Return-Path (SPF) atau domain d= pada DKIM harus sama dengannya.",
        "Pastikan record SPF ada, valid (hanya satu record, paling banyak 10 pencarian DNS) dan mengizinkan layanan yang mengirim email Anda.",
        "Pastikan email ditandatangani DKIM dengan kunci yang diterbitkan dan valid untuk domain pengirim, lalu uji satu email setiap kali ada perubahan.",
      ],
    },
    checks: ["authentication"],
  },
  invalid_address: {
    id: "invalid_address",
    name: { en: "Invalid Address", id: "Alamat Tidak Valid" },
    definition: {
      en: "The recipient address does not exist or cannot exist: unknown user, no such mailbox, bad syntax, a domain that does not exist or accepts no mail, a mailbox that moved, or an address already on a suppression list.",
      id: "Alamat penerima tidak ada atau tidak mungkin ada: pengguna tidak dikenal, kotak surat tidak ada, sintaks salah, domain tidak ada atau tidak menerima email, kotak surat sudah pindah, atau alamat sudah ada di daftar penekanan (suppression).",
    },
    permanence: "hard",
    action: "suppress",
    retryAfterSeconds: null,
    tips: {
      en: [
        "Check the address for typos (for example gmial.com instead of gmail.com) and correct it at the source.",
        "Stop sending to this address: remove invalid and inactive addresses from your lists regularly.",
        "Validate addresses before sending (syntax, domain with MX records) and use confirmed opt-in at sign-up.",
      ],
      id: [
        "Periksa alamat dari salah ketik (misalnya gmial.com, bukan gmail.com) dan perbaiki di sumbernya.",
        "Hentikan pengiriman ke alamat ini: hapus alamat yang tidak valid dan tidak aktif dari daftar Anda secara berkala.",
        "Validasi alamat sebelum mengirim (sintaks, domain dengan record MX) dan gunakan konfirmasi pendaftaran (double opt-in).",
      ],
    },
    checks: ["address", "mx"],
  },
  inbox: {
    id: "inbox",
    name: { en: "Inbox", id: "Kotak Masuk" },
    definition: {
      en: "The mailbox exists but cannot take mail now: it is disabled, suspended, inactive, locked, busy or temporarily unavailable.",
      id: "Kotak surat ada tetapi saat ini tidak dapat menerima email: dinonaktifkan, ditangguhkan, tidak aktif, terkunci, sibuk, atau untuk sementara tidak tersedia.",
    },
    permanence: "soft",
    action: "retry",
    retryAfterSeconds: 3600,
    tips: {
      en: [
        "If the failure is temporary, send again later; stop after repeated failures, since a disabled mailbox rarely comes back.",
        "Where possible, ask the recipient through another channel (phone, chat, your app) to check, reactivate or clean up their mailbox.",
      ],
      id: [
        "Jika kegagalan bersifat sementara, kirim ulang nanti; hentikan setelah gagal berulang kali, karena kotak surat yang dinonaktifkan jarang aktif kembali.",
        "Jika memungkinkan, minta penerima melalui saluran lain (telepon, chat, aplikasi Anda) untuk memeriksa, mengaktifkan kembali, atau merapikan kotak suratnya.",
      ],
    },
    checks: ["address"],
  },
  inbox_full: {
    id: "inbox_full",
    name: { en: "Inbox Full", id: "Kotak Masuk Penuh" },
    definition: {
      en: "The recipient's mailbox is over its storage quota.",
      id: "Kotak surat penerima telah melebihi kuota penyimpanannya.",
    },
    permanence: "soft",
    action: "retry",
    retryAfterSeconds: 6 * 3600,
    tips: {
      en: [
        "Send again later: the recipient may free space in the meantime.",
        "Ask the recipient through another channel to delete old mail or free space in their mailbox.",
        "If the mailbox stays full for weeks it is probably abandoned: stop sending to it.",
      ],
      id: [
        "Kirim ulang nanti: penerima mungkin sudah mengosongkan ruang pada saat itu.",
        "Minta penerima melalui saluran lain untuk menghapus email lama atau mengosongkan ruang kotak suratnya.",
        "Jika kotak surat tetap penuh selama berminggu-minggu, kemungkinan besar sudah ditinggalkan: hentikan pengiriman ke alamat tersebut.",
      ],
    },
    checks: [],
  },
  rate_limit: {
    id: "rate_limit",
    name: { en: "Rate Limit", id: "Batas Tingkat" },
    definition: {
      en: "Too much mail too fast: the sender is throttled (messages, connections or recipients per unit of time), or the recipient is receiving mail at a rate that blocks more.",
      id: "Terlalu banyak email terlalu cepat: pengirim dibatasi (jumlah pesan, koneksi, atau penerima per satuan waktu), atau penerima sedang menerima email dengan laju yang menghalangi email tambahan.",
    },
    permanence: "soft",
    action: "slow_down",
    retryAfterSeconds: 15 * 60,
    tips: {
      en: [
        "Lower the sending volume and spread it over a longer time: fewer connections and fewer messages per connection to this provider.",
        "Retry later, after the delay the server states, with backoff between attempts.",
        "Improve your sender reputation (authentication, clean lists, low complaints) so that providers throttle you less often.",
      ],
      id: [
        "Turunkan volume pengiriman dan sebarkan dalam rentang waktu yang lebih panjang: lebih sedikit koneksi dan lebih sedikit pesan per koneksi ke penyedia ini.",
        "Coba kirim ulang nanti, setelah jeda yang disebutkan server, dengan jeda yang makin panjang di antara percobaan.",
        "Tingkatkan reputasi pengirim (autentikasi, daftar yang bersih, sedikit keluhan) agar penyedia lebih jarang membatasi Anda.",
      ],
    },
    checks: ["authentication"],
  },
  recipient_error: {
    id: "recipient_error",
    name: { en: "Recipient Error", id: "Kesalahan Penerima" },
    definition: {
      en: "The receiving side has a problem or a restriction of its own: its server is unavailable or failing, its domain's DNS or MX is broken, the connection or TLS failed, delivery expired after retries, or the recipient organisation accepts mail only from certain senders.",
      id: "Sisi penerima mengalami masalah atau pembatasan sendiri: servernya tidak tersedia atau bermasalah, DNS atau MX domainnya rusak, koneksi atau TLS gagal, pengiriman kedaluwarsa setelah beberapa kali percobaan, atau organisasi penerima hanya menerima email dari pengirim tertentu.",
    },
    permanence: "soft",
    action: "retry",
    retryAfterSeconds: 3600,
    tips: {
      en: [
        "Check whether the recipient's mail server is online: its MX records resolve and it accepts connections on port 25.",
        "Make sure the DNS records involved are correct: the recipient domain's MX and A records, and your own sending host's DNS.",
        "Retry later; if the problem lasts, tell the recipient through another channel that their mail server is rejecting mail.",
      ],
      id: [
        "Periksa apakah server email penerima sedang aktif: record MX-nya dapat di-resolve dan server menerima koneksi di port 25.",
        "Pastikan record DNS yang terlibat sudah benar: record MX dan A domain penerima, serta DNS server pengirim Anda sendiri.",
        "Coba kirim ulang nanti; jika masalah berlanjut, beri tahu penerima melalui saluran lain bahwa server emailnya menolak email.",
      ],
    },
    checks: ["mx"],
  },
  rejection: {
    id: "rejection",
    name: { en: "Rejection", id: "Penolakan" },
    definition: {
      en: "The receiver's policy refused this message: its content, an attachment, a virus, its size, a mail loop or too many hops, a protocol or RFC violation, relaying denied, or a sender address or sending domain that is invalid or lacks DNS records.",
      id: "Kebijakan penerima menolak email ini: isinya, lampiran, virus, ukurannya, perulangan email atau terlalu banyak hop, pelanggaran protokol atau RFC, relay ditolak, atau alamat pengirim atau domain pengirim yang tidak valid atau tidak memiliki record DNS.",
    },
    permanence: "hard",
    action: "review_content",
    retryAfterSeconds: null,
    tips: {
      en: [
        "Read the receiver's message and its linked policy, and follow what it asks for.",
        "Change what it objects to: the content, the size, the attachments (avoid executable or archive types), or the headers.",
        "Check your sending domain's setup: the envelope sender and From domains must exist and have MX or A records.",
      ],
      id: [
        "Baca pesan dari penerima beserta tautan kebijakannya, lalu ikuti apa yang diminta.",
        "Ubah hal yang ditolak: isi, ukuran, lampiran (hindari jenis file yang dapat dieksekusi atau arsip), atau header.",
        "Periksa pengaturan domain pengirim Anda: domain pengirim amplop dan domain From harus ada dan memiliki record MX atau A.",
      ],
    },
    checks: ["content", "authentication"],
  },
  sender_reputation: {
    id: "sender_reputation",
    name: { en: "Sender Reputation", id: "Reputasi Pengirim" },
    definition: {
      en: "Refused as likely spam or for poor reputation without naming a blocklist: likely unsolicited mail, a spam score, low IP or domain reputation, user complaints, or a new or cold IP.",
      id: "Ditolak karena kemungkinan spam atau reputasi buruk tanpa menyebut daftar hitam tertentu: email yang kemungkinan tidak diminta, skor spam, reputasi IP atau domain yang rendah, keluhan pengguna, atau IP baru yang belum dipanaskan.",
    },
    permanence: "soft",
    action: "fix_sender_setup",
    retryAfterSeconds: 6 * 3600,
    tips: {
      en: [
        "Check your IP addresses and domains on the DNS blocklists and request delisting where listed.",
        "Make sure SPF, DKIM and DMARC are correct, and test them on a real message.",
        "Watch your reputation in Microsoft SNDS and Google Postmaster Tools.",
        "Warm up new or cold IPs and domains with small batches that grow day by day.",
        "Clean and segment your lists: validate addresses before campaigns, send to engaged recipients first, and remove people who complain.",
        "Avoid spammy subjects, keep a healthy image-to-text ratio, use links to reputable domains, and include an unsubscribe link in marketing mail.",
      ],
      id: [
        "Periksa alamat IP dan domain Anda pada daftar hitam DNS dan ajukan penghapusan jika tercantum.",
        "Pastikan SPF, DKIM, dan DMARC sudah benar, lalu uji pada email sungguhan.",
        "Pantau reputasi Anda di Microsoft SNDS dan Google Postmaster Tools.",
        "Panaskan (warm up) IP dan domain yang baru atau lama tidak dipakai dengan kiriman kecil yang bertambah setiap hari.",
        "Bersihkan dan segmentasikan daftar penerima: validasi alamat sebelum kampanye, kirim lebih dulu ke penerima yang aktif, dan hapus orang yang mengeluh.",
        "Hindari subjek yang terkesan spam, jaga rasio gambar dan teks yang sehat, gunakan tautan ke domain yang tepercaya, dan sertakan tautan berhenti berlangganan pada email pemasaran.",
      ],
    },
    checks: ["blocklist", "authentication", "content"],
  },
  unknown: {
    id: "unknown",
    name: { en: "Unknown", id: "Tidak Diketahui" },
    definition: {
      en: "The input carries no evidence for any category.",
      id: "Masukan tidak mengandung petunjuk untuk kategori mana pun.",
    },
    permanence: "soft",
    action: "retry",
    retryAfterSeconds: 3600,
    tips: {
      en: [
        "Read the full reply from the receiving server; it may name the cause in words diagnosa does not know yet.",
        "Retry later; if the same reply repeats, contact the recipient's mail administrator.",
      ],
      id: [
        "Baca balasan lengkap dari server penerima; mungkin penyebabnya disebut dengan kata-kata yang belum dikenal diagnosa.",
        "Coba kirim ulang nanti; jika balasan yang sama terus muncul, hubungi administrator email penerima.",
      ],
    },
    checks: [],
  },
};

export function categoryInfo(id: Category): CategoryInfo {
  return CATEGORIES[id];
}
