import type { Localized } from "../catalog/types.js";

/** `diagnosa --help`, in the CLI's language (`--lang`, else the locale's). */
export const HELP: Localized = {
  en: `diagnosa: why an email was not delivered, and what to do about it

usage:
  diagnosa [options] "<SMTP reply>"     diagnose one reply (or pipe it on stdin)
  diagnosa --ndjson [--tips] < file     one input per line (text or JSON), one JSON diagnosis per line
  diagnosa bounce [options] PATH...     read bounce emails: .eml files, folders, maildirs, mbox files, - for stdin
  diagnosa check domain D [--dkim-selector S]... | check ip A | check address X | check message FILE.eml [--bulk]
                                        run the checks the tips call for (docs/checks.md): SPF, DKIM,
                                        DMARC, MTA-STS, blocklists, PTR, address, content (--bulk: the
                                        message is bulk mail, so it needs an unsubscribe)
  diagnosa logs [options] FILE...       read Postfix, Exim, Sendmail logs (.gz too, - for stdin): summary,
                                        --ndjson events, --to URL [--api-key KEY] sends them to a service,
                                        --year N for syslog times (default this year)

options:
  --json               print the diagnosis as JSON (the shape in docs/diagnosis.md)
  --ndjson             stream: read lines from stdin, write one JSON line each
  --tips               with --ndjson: include the tips (left out by default there)
  --no-tips            leave the tips out (readable output and --json)
  --lang en|id         language of the reports: labels, names, reasons, tips, check findings
                       and error messages (default: from the locale; JSON keys stay English)
  --code N             the reply code, when known apart from the text (e.g. 550)
  --status X.Y.Z       the enhanced status code, when known apart from the text
  --remote-host HOST   the host that answered
  --command CMD        the SMTP stage: CONNECT, HELO, STARTTLS, AUTH, MAIL, RCPT, DATA
  --color / --no-color force colours on or off (default: on a terminal)
  --check              after the diagnosis, run the checks its category calls for on the domains,
                       IPs and addresses in the reply (docs/checks.md)
  --dns-server H[:P]   DNS server for checks (repeatable; default: the system's)
  -h, --help           this help
  -v, --version        the version

  diagnosa serve [options]              the HTTP API and the bounce-receiving SMTP endpoint (docs/service.md)
  diagnosa keys create NAME | list | revoke ID   API keys of the service

serve options (or environment):
  --port N (PORT)                 HTTP port, default 8025
  --smtp-port N|off (SMTP_PORT)   SMTP port for bounce emails, default 2525
  --host ADDR (HOST)              listen address, default 127.0.0.1
  --db URL (DATABASE_URL)         SQLite file (default ./diagnosa.sqlite) or postgres://…
  --bounce-domain D (DIAGNOSA_BOUNCE_DOMAINS, comma-separated)   domains that receive bounces
  --no-auth (DIAGNOSA_AUTH=off)   no API keys (only for a machine nobody else reaches)

bounce options:
  --json / --ndjson    a JSON array of reports / one JSON line per recipient (with its file)
  --jobs N             worker threads (default: all cores on large inputs)
  --max-bytes N        skip messages larger than N bytes (default 10485760)
  --timeout-ms N       time budget per message (default 2000)

An option of another command (--jobs on a diagnosis) is a usage error, never ignored; so are a
switch given with its --no- form, and --no- of a switch that is off unless given (--no-json).

exit codes: 0 done, 2 bad input or usage, 1 internal error or failure to write the output
`,
  id: `diagnosa: mengapa sebuah email tidak terkirim, dan apa yang harus dilakukan

penggunaan:
  diagnosa [opsi] "<balasan SMTP>"      mendiagnosis satu balasan (atau alirkan lewat stdin)
  diagnosa --ndjson [--tips] < berkas   satu input per baris (teks atau JSON), satu diagnosis JSON per baris
  diagnosa bounce [opsi] PATH...        baca email bounce: berkas .eml, folder, maildir, berkas mbox, - untuk stdin
  diagnosa check domain D [--dkim-selector S]... | check ip A | check address X | check message BERKAS.eml [--bulk]
                                        jalankan pemeriksaan yang diminta tips (docs/checks.md): SPF, DKIM,
                                        DMARC, MTA-STS, daftar blokir, PTR, alamat, konten (--bulk: pesan
                                        adalah email massal, jadi perlu tautan berhenti berlangganan)
  diagnosa logs [opsi] BERKAS...        baca log Postfix, Exim, Sendmail (.gz juga, - untuk stdin): ringkasan,
                                        --ndjson untuk event, --to URL [--api-key KEY] mengirimnya ke layanan,
                                        --year N untuk waktu syslog (bawaan: tahun ini)

opsi:
  --json               cetak diagnosis sebagai JSON (bentuknya di docs/diagnosis.md)
  --ndjson             aliran: baca baris dari stdin, tulis satu baris JSON untuk tiap baris
  --tips               dengan --ndjson: sertakan tips (di sana tidak disertakan secara bawaan)
  --no-tips            tanpa tips (keluaran yang mudah dibaca dan --json)
  --lang en|id         bahasa laporan: label, nama, alasan, tips, temuan pemeriksaan
                       dan pesan galat (bawaan: dari locale; kunci JSON tetap berbahasa Inggris)
  --code N             kode balasan, bila diketahui terpisah dari teks (mis. 550)
  --status X.Y.Z       kode status yang diperluas, bila diketahui terpisah dari teks
  --remote-host HOST   host yang menjawab
  --command CMD        tahap SMTP: CONNECT, HELO, STARTTLS, AUTH, MAIL, RCPT, DATA
  --color / --no-color paksa warna aktif atau nonaktif (bawaan: aktif di terminal)
  --check              setelah diagnosis, jalankan pemeriksaan yang diminta kategorinya pada domain,
                       IP, dan alamat dalam balasan (docs/checks.md)
  --dns-server H[:P]   server DNS untuk pemeriksaan (boleh berulang; bawaan: milik sistem)
  -h, --help           bantuan ini
  -v, --version        versi program

  diagnosa serve [opsi]                 API HTTP dan endpoint SMTP penerima email bounce (docs/service.md)
  diagnosa keys create NAMA | list | revoke ID   kunci API layanan

opsi serve (atau variabel lingkungan):
  --port N (PORT)                 port HTTP, bawaan 8025
  --smtp-port N|off (SMTP_PORT)   port SMTP untuk email bounce, bawaan 2525
  --host ADDR (HOST)              alamat tempat mendengarkan, bawaan 127.0.0.1
  --db URL (DATABASE_URL)         berkas SQLite (bawaan ./diagnosa.sqlite) atau postgres://…
  --bounce-domain D (DIAGNOSA_BOUNCE_DOMAINS, dipisah koma)   domain yang menerima bounce
  --no-auth (DIAGNOSA_AUTH=off)   tanpa kunci API (hanya untuk mesin yang tidak dijangkau orang lain)

opsi bounce:
  --json / --ndjson    satu larik JSON berisi laporan / satu baris JSON per penerima (dengan berkasnya)
  --jobs N             jumlah thread pekerja (bawaan: semua inti pada input besar)
  --max-bytes N        lewati pesan yang lebih besar dari N byte (bawaan 10485760)
  --timeout-ms N       batas waktu per pesan (bawaan 2000)

Opsi milik perintah lain (--jobs pada diagnosis) adalah galat penggunaan, tidak pernah diabaikan;
begitu pula sakelar yang diberikan bersama bentuk --no- nya, dan --no- dari sakelar yang mati bila
tidak diberikan (--no-json).

kode keluar: 0 selesai, 2 input atau penggunaan salah, 1 galat internal atau gagal menulis keluaran
`,
};
