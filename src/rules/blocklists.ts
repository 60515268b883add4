import type { RuleSpec, RuleTable } from "./types.js";

/** A DNS blocklist: how replies name it, and where a listed sender asks for removal. */
export interface BlocklistDef {
  id: string;
  name: string;
  /** Lower-case text that names the list in a reply (zone names, web sites, brand). */
  markers: readonly string[];
  /** The zones queried for IPs or domains (used by the checks). */
  zones: readonly string[];
  delistUrl: string;
  /**
   * How a listing ends when that is not a removal request at `delistUrl` (a list that expires its
   * listings by itself, one that takes no requests), in English and Indonesian.
   */
  removal?: { en: string; id: string };
  /** A real reply that names this list. */
  example: string;
}

export const BLOCKLISTS: readonly BlocklistDef[] = [
  {
    id: "spamhaus",
    name: "Spamhaus",
    markers: ["spamhaus"],
    zones: ["zen.spamhaus.org", "dbl.spamhaus.org"],
    delistUrl: "https://check.spamhaus.org/",
    example:
      "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.1",
  },
  {
    id: "spamcop",
    name: "Spamcop",
    markers: ["spamcop"],
    zones: ["bl.spamcop.net"],
    delistUrl: "https://www.spamcop.net/bl.shtml",
    removal: {
      en: "SpamCop listings expire by themselves about 24 hours after the reports stop: once the cause is stopped, wait (see https://www.spamcop.net/bl.shtml)",
      id: "pencantuman SpamCop berakhir dengan sendirinya sekitar 24 jam setelah laporan berhenti: setelah penyebabnya dihentikan, tunggu (lihat https://www.spamcop.net/bl.shtml)",
    },
    example:
      "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using bl.spamcop.net; Blocked - see https://www.spamcop.net/bl.shtml?192.0.2.1",
  },
  {
    id: "barracuda",
    name: "Barracuda Reputation Block List",
    markers: ["barracudacentral", "b.barracuda", "barracuda reputation"],
    zones: ["b.barracudacentral.org"],
    delistUrl: "https://www.barracudacentral.org/rbl/removal-request",
    example:
      "554 Service unavailable; Client host [192.0.2.1] blocked using b.barracudacentral.org; http://www.barracudanetworks.com/reputation/?pr=1&ip=192.0.2.1",
  },
  {
    id: "cloudmark",
    name: "Cloudmark Sender Intelligence",
    markers: ["cloudmark", "csi.cloudmark"],
    zones: [],
    delistUrl: "https://csi.cloudmark.com/en/reset/",
    example:
      "550 5.7.1 Rejected by Cloudmark Sender Intelligence. Please visit https://csi.cloudmark.com/reset-request/?ip=192.0.2.1",
  },
  {
    id: "sorbs",
    name: "SORBS",
    markers: ["sorbs.net", "sorbs"],
    // Closed in June 2024: its zones are no longer asked; replies may still name it.
    zones: [],
    delistUrl: "http://www.sorbs.net/delisting/",
    removal: {
      en: "SORBS closed in 2024 and takes no requests: a receiver that still cites it uses a stale copy, so ask that receiver's postmaster to stop using it",
      id: "SORBS ditutup pada 2024 dan tidak menerima permintaan: penerima yang masih menyebutnya memakai salinan usang, jadi minta postmaster penerima tersebut berhenti menggunakannya",
    },
    example: "521 5.7.1 Service unavailable; client [192.0.2.1] blocked using dnsbl.sorbs.net",
  },
  {
    id: "uceprotect",
    name: "UCEPROTECT",
    markers: ["uceprotect"],
    zones: ["dnsbl-1.uceprotect.net", "dnsbl-2.uceprotect.net", "dnsbl-3.uceprotect.net"],
    delistUrl: "https://www.uceprotect.net/en/rblcheck.php",
    removal: {
      en: "UCEPROTECT Level 1 listings expire by themselves 7 days after the last spam; Levels 2 and 3 list whole networks and providers and take no requests from their customers: ask your hosting provider to clean up its network, or send from another one (see https://www.uceprotect.net/en/rblcheck.php)",
      id: "pencantuman UCEPROTECT Level 1 berakhir dengan sendirinya 7 hari setelah spam terakhir; Level 2 dan 3 mencantumkan seluruh jaringan dan penyedia, dan tidak menerima permintaan dari pelanggannya: minta penyedia hosting Anda membersihkan jaringannya, atau kirim dari jaringan lain (lihat https://www.uceprotect.net/en/rblcheck.php)",
    },
    example:
      "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using dnsbl-1.uceprotect.net; IP 192.0.2.1 is UCEPROTECT-Level1 listed.",
  },
  {
    id: "psbl",
    name: "Passive Spam Block List",
    markers: ["psbl.surriel.com", "psbl"],
    zones: ["psbl.surriel.com"],
    delistUrl: "https://psbl.org/",
    example: "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using psbl.surriel.com",
  },
  {
    id: "mailspike",
    name: "Mailspike",
    markers: ["mailspike"],
    zones: ["bl.mailspike.net"],
    delistUrl: "https://mailspike.org/iplookup.html",
    example: "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using bl.mailspike.net",
  },
  {
    id: "surbl",
    name: "SURBL",
    markers: ["surbl"],
    zones: ["multi.surbl.org"],
    delistUrl: "https://www.surbl.org/surbl-analysis",
    example: "554 5.7.1 Message rejected: URL in the message is listed in multi.surbl.org",
  },
  {
    id: "uribl",
    name: "URIBL",
    markers: ["uribl"],
    zones: ["multi.uribl.com"],
    delistUrl: "https://admin.uribl.com/",
    example: "550 5.7.1 Message contains a domain listed by multi.uribl.com",
  },
  {
    id: "cbl",
    name: "Spamhaus CBL (abuseat)",
    markers: ["abuseat", "cbl.abuseat.org"],
    zones: ["cbl.abuseat.org"],
    delistUrl: "https://check.spamhaus.org/",
    example:
      "550 5.7.1 Rejected: 192.0.2.1 listed at cbl.abuseat.org; see http://cbl.abuseat.org/lookup.cgi?ip=192.0.2.1",
  },
  {
    id: "invaluement",
    name: "Invaluement",
    markers: ["invaluement"],
    zones: [],
    delistUrl: "https://www.invaluement.com/lookup/",
    example: "554 5.7.1 Rejected: your IP 192.0.2.1 is listed by Invaluement ivmSIP",
  },
  {
    id: "manitu",
    name: "NiX Spam (manitu)",
    markers: ["ix.dnsbl.manitu.net", "nixspam"],
    zones: ["ix.dnsbl.manitu.net"],
    delistUrl: "https://www.nixspam.net/",
    example: "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using ix.dnsbl.manitu.net",
  },
  {
    id: "backscatterer",
    name: "Backscatterer",
    markers: ["backscatterer"],
    zones: ["ips.backscatterer.org"],
    delistUrl: "https://www.backscatterer.org/?target=test",
    example: "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using ips.backscatterer.org",
  },
  {
    id: "spamrats",
    name: "SpamRATS",
    markers: ["spamrats"],
    zones: ["all.spamrats.com"],
    delistUrl: "https://www.spamrats.com/removal.php",
    example: "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using all.spamrats.com",
  },
  {
    id: "abusix",
    name: "Abusix Mail Intelligence",
    markers: ["abusix"],
    zones: [],
    delistUrl: "https://lookup.abusix.com/",
    example: "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using combined.mail.abusix.zone",
  },
  {
    id: "senderscore",
    name: "Validity Sender Score",
    markers: ["bl.score.senderscore.com"],
    zones: ["bl.score.senderscore.com"],
    delistUrl: "https://www.senderscore.org/",
    example: "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using bl.score.senderscore.com",
  },
  {
    id: "gbudb",
    name: "GBUdb Truncate",
    markers: ["truncate.gbudb"],
    zones: ["truncate.gbudb.net"],
    delistUrl: "https://www.gbudb.com/truncate/",
    example: "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using truncate.gbudb.net",
  },
  {
    id: "proofpoint-ipr",
    name: "Proofpoint Dynamic Reputation",
    markers: ["ipcheck.proofpoint.com"],
    zones: [],
    delistUrl: "https://ipcheck.proofpoint.com/",
    example:
      "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using Proofpoint Dynamic Reputation; see https://ipcheck.proofpoint.com/?ip=192.0.2.1",
  },
  {
    id: "trendmicro-ers",
    name: "Trend Micro Email Reputation Services",
    markers: [
      "trend micro rbl",
      "trend micro email reputation",
      "rbl-plus.mail-abuse.org",
      "mail-abuse.com/cgi-bin",
    ],
    zones: [],
    delistUrl:
      "https://docs.trendmicro.com/en-us/documentation/article/email-reputation-services-service-central-blocked",
    example:
      "550 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using Trend Micro RBL+. Please see http://www.mail-abuse.com/cgi-bin/lookup?ip_address=192.0.2.1",
  },
  {
    // Its answers include a whitelist (127.0.0.1) and "no blacklist" codes: not queried as a plain list.
    id: "hostkarma",
    name: "JunkEmailFilter HostKarma",
    markers: ["hostkarma", "junkemailfilter"],
    zones: [],
    delistUrl: "http://ipadmin.junkemailfilter.com/remove.php",
    example:
      "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using hostkarma.junkemailfilter.com",
  },
  {
    id: "spfbl",
    name: "SPFBL",
    markers: ["spfbl"],
    zones: [],
    delistUrl: "https://spfbl.net/en/delist/",
    example: "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using dnsbl.spfbl.net",
  },
];

/** A named blocklist in a reply is evidence of a block whatever the code says. */
export const BLOCKLIST_RULES: RuleTable = {
  id: "blocklist",
  priority: 80,
  rules: [
    ...BLOCKLISTS.map(
      (b): RuleSpec => ({
        id: b.id,
        reason: "blocked.dnsbl",
        match: b.markers.filter((m) => m.length > 4 || m.includes(".")),
        example: b.example,
        source: b.delistUrl,
      }),
    ),
    {
      // Lists of domains and URLs (in the sender's addresses or the message's links): the fix is the
      // domain, not the sending IP.
      id: "domain-list",
      reason: "blocked.domain_blocklist",
      match: [
        "dbl.spamhaus.org",
        "spamhaus dbl",
        "multi.surbl.org",
        "surbl.org",
        "multi.uribl.com",
        "uribl.com",
      ],
      priority: 82,
      example:
        "554 5.7.1 <jane@example.com>: Sender address rejected: Service unavailable; Sender address [example.com] blocked using dbl.spamhaus.org; https://www.spamhaus.org/query/domain/example.com",
      source: "Postfix reject_rhsbl_sender (Spamhaus DBL)",
    },
    {
      // URIBL refused the receiver's own resolver (answer 127.0.0.1, a public or over-used resolver):
      // nothing is listed, the receiving side must fix its DNS.
      id: "uribl-refused",
      reason: "recipient_error.server_error",
      match: ["uribl.com/refused.shtml", "127.0.0.1 -> query refused"],
      priority: 84,
      example:
        "554 5.7.1 Service unavailable; Client host [mail.example.com] blocked using multi.uribl.com; 127.0.0.1 -> Query Refused. See http://uribl.com/refused.shtml for more information [Your DNS IP: 192.0.2.53]",
      source: "https://github.com/zone-eu/zone-mta/blob/master/config/bounces.txt",
    },
  ],
};
