import type { Localized } from "./types.js";

/**
 * RFC 3463 enhanced status codes and the later additions of the IANA
 * "SMTP Enhanced Status Codes" registry, keyed by `subject.detail`
 * (the class — 2 success, 4 transient, 5 permanent — is separate).
 */
const SUBJECT_DETAIL: Record<string, [en: string, id: string]> = {
  "0.0": ["Other undefined status", "Status lain yang tidak terdefinisi"],
  "1.0": ["Other address status", "Status alamat lainnya"],
  "1.1": ["Bad destination mailbox address", "Alamat kotak surat tujuan salah"],
  "1.2": ["Bad destination system address", "Alamat sistem tujuan salah"],
  "1.3": ["Bad destination mailbox address syntax", "Sintaks alamat kotak surat tujuan salah"],
  "1.4": ["Destination mailbox address ambiguous", "Alamat kotak surat tujuan ambigu"],
  "1.5": ["Destination address valid", "Alamat tujuan valid"],
  "1.6": [
    "Destination mailbox has moved, no forwarding address",
    "Kotak surat tujuan telah pindah, tanpa alamat penerusan",
  ],
  "1.7": ["Bad sender's mailbox address syntax", "Sintaks alamat kotak surat pengirim salah"],
  "1.8": ["Bad sender's system address", "Alamat sistem pengirim salah"],
  "1.9": ["Message relayed to non-compliant mailer", "Email diteruskan ke mailer yang tidak patuh standar"],
  "1.10": ["Recipient address has null MX", "Alamat penerima memiliki null MX"],
  "2.0": ["Other or undefined mailbox status", "Status kotak surat lainnya atau tidak terdefinisi"],
  "2.1": ["Mailbox disabled, not accepting messages", "Kotak surat dinonaktifkan, tidak menerima pesan"],
  "2.2": ["Mailbox full", "Kotak surat penuh"],
  "2.3": ["Message length exceeds administrative limit", "Panjang pesan melebihi batas administratif"],
  "2.4": ["Mailing list expansion problem", "Masalah ekspansi milis"],
  "3.0": ["Other or undefined mail system status", "Status sistem email lainnya atau tidak terdefinisi"],
  "3.1": ["Mail system full", "Sistem email penuh"],
  "3.2": ["System not accepting network messages", "Sistem tidak menerima pesan dari jaringan"],
  "3.3": ["System not capable of selected features", "Sistem tidak mampu menjalankan fitur yang dipilih"],
  "3.4": ["Message too big for system", "Pesan terlalu besar untuk sistem"],
  "3.5": ["System incorrectly configured", "Sistem salah dikonfigurasi"],
  "3.6": ["Requested priority was changed", "Prioritas yang diminta telah diubah"],
  "4.0": [
    "Other or undefined network or routing status",
    "Status jaringan atau perutean lainnya atau tidak terdefinisi",
  ],
  "4.1": ["No answer from host", "Tidak ada jawaban dari host"],
  "4.2": ["Bad connection", "Koneksi buruk"],
  "4.3": ["Directory server failure", "Kegagalan server direktori"],
  "4.4": ["Unable to route", "Tidak dapat merutekan"],
  "4.5": ["Mail system congestion", "Sistem email sedang padat"],
  "4.6": ["Routing loop detected", "Perulangan perutean terdeteksi"],
  "4.7": ["Delivery time expired", "Waktu pengiriman kedaluwarsa"],
  "5.0": ["Other or undefined protocol status", "Status protokol lainnya atau tidak terdefinisi"],
  "5.1": ["Invalid command", "Perintah tidak valid"],
  "5.2": ["Syntax error", "Kesalahan sintaks"],
  "5.3": ["Too many recipients", "Terlalu banyak penerima"],
  "5.4": ["Invalid command arguments", "Argumen perintah tidak valid"],
  "5.5": ["Wrong protocol version", "Versi protokol salah"],
  "5.6": ["Authentication exchange line is too long", "Baris pertukaran autentikasi terlalu panjang"],
  "6.0": ["Other or undefined media error", "Kesalahan media lainnya atau tidak terdefinisi"],
  "6.1": ["Media not supported", "Media tidak didukung"],
  "6.2": ["Conversion required and prohibited", "Konversi diperlukan tetapi dilarang"],
  "6.3": ["Conversion required but not supported", "Konversi diperlukan tetapi tidak didukung"],
  "6.4": ["Conversion with loss performed", "Konversi dilakukan dengan kehilangan data"],
  "6.5": ["Conversion failed", "Konversi gagal"],
  "6.6": ["Message content not available", "Isi pesan tidak tersedia"],
  "6.7": [
    "Non-ASCII addresses not permitted for that sender or recipient",
    "Alamat non-ASCII tidak diizinkan untuk pengirim atau penerima itu",
  ],
  "6.8": [
    "UTF-8 string reply is required, but not permitted by the client",
    "Balasan UTF-8 diperlukan, tetapi tidak diizinkan oleh klien",
  ],
  "6.9": [
    "UTF-8 header message cannot be transferred to one or more recipients",
    "Pesan dengan header UTF-8 tidak dapat dikirim ke satu atau lebih penerima",
  ],
  "6.10": [
    "UTF-8 string reply is required, but not permitted by the client",
    "Balasan UTF-8 diperlukan, tetapi tidak diizinkan oleh klien",
  ],
  "7.0": ["Other or undefined security status", "Status keamanan lainnya atau tidak terdefinisi"],
  "7.1": ["Delivery not authorized, message refused", "Pengiriman tidak diizinkan, pesan ditolak"],
  "7.2": ["Mailing list expansion prohibited", "Ekspansi milis dilarang"],
  "7.3": [
    "Security conversion required but not possible",
    "Konversi keamanan diperlukan tetapi tidak mungkin",
  ],
  "7.4": ["Security features not supported", "Fitur keamanan tidak didukung"],
  "7.5": ["Cryptographic failure", "Kegagalan kriptografi"],
  "7.6": ["Cryptographic algorithm not supported", "Algoritme kriptografi tidak didukung"],
  "7.7": ["Message integrity failure", "Kegagalan integritas pesan"],
  "7.8": ["Authentication credentials invalid", "Kredensial autentikasi tidak valid"],
  "7.9": ["Authentication mechanism is too weak", "Mekanisme autentikasi terlalu lemah"],
  "7.10": ["Encryption needed", "Enkripsi diperlukan"],
  "7.11": [
    "Encryption required for requested authentication mechanism",
    "Enkripsi diperlukan untuk mekanisme autentikasi yang diminta",
  ],
  "7.12": ["A password transition is needed", "Diperlukan pergantian kata sandi"],
  "7.13": ["User account disabled", "Akun pengguna dinonaktifkan"],
  "7.14": ["Trust relationship required", "Diperlukan hubungan kepercayaan"],
  "7.15": ["Priority level is too low", "Tingkat prioritas terlalu rendah"],
  "7.16": [
    "Message is too big for the specified priority",
    "Pesan terlalu besar untuk prioritas yang ditentukan",
  ],
  "7.17": ["Mailbox owner has changed", "Pemilik kotak surat telah berganti"],
  "7.18": ["Domain owner has changed", "Pemilik domain telah berganti"],
  "7.19": ["RRVS test cannot be completed", "Uji RRVS tidak dapat diselesaikan"],
  "7.20": ["No passing DKIM signature found", "Tidak ditemukan tanda tangan DKIM yang lolos"],
  "7.21": ["No acceptable DKIM signature found", "Tidak ditemukan tanda tangan DKIM yang dapat diterima"],
  "7.22": [
    "No valid author-matched DKIM signature found",
    "Tidak ditemukan tanda tangan DKIM valid yang cocok dengan penulis",
  ],
  "7.23": ["SPF validation failed", "Validasi SPF gagal"],
  "7.24": ["SPF validation error", "Kesalahan validasi SPF"],
  "7.25": ["Reverse DNS validation failed", "Validasi reverse DNS gagal"],
  "7.26": ["Multiple authentication checks failed", "Beberapa pemeriksaan autentikasi gagal"],
  "7.27": ["Sender address has null MX", "Alamat pengirim memiliki null MX"],
  "7.28": ["Mail flood detected", "Banjir email terdeteksi"],
  "7.29": ["ARC validation failure", "Validasi ARC gagal"],
  "7.30": ["REQUIRETLS support required", "Dukungan REQUIRETLS diperlukan"],
};

const CLASS: Record<string, Localized> = {
  "2": { en: "Success", id: "Berhasil" },
  "4": { en: "Persistent transient failure", id: "Kegagalan sementara" },
  "5": { en: "Permanent failure", id: "Kegagalan permanen" },
};

export interface StatusMeaning {
  code: string;
  class: Localized;
  /** null when the subject.detail is not registered (e.g. a vendor's 5.7.606). */
  meaning: Localized | null;
}

/** The registered meaning of an enhanced status code such as `5.1.1`. */
export function enhancedStatusMeaning(code: string): StatusMeaning | null {
  const m = /^([245])\.(\d{1,3})\.(\d{1,3})$/.exec(code);
  if (!m) return null;
  const cls = CLASS[m[1]!]!;
  const row = SUBJECT_DETAIL[`${Number(m[2])}.${Number(m[3])}`];
  return { code, class: cls, meaning: row ? { en: row[0], id: row[1] } : null };
}

export const ENHANCED_STATUS_CODES: readonly string[] = Object.keys(SUBJECT_DETAIL);
