// Sample MTA log lines, written as Postfix, Exim and Sendmail write them (example.com data).

export const POSTFIX_LOG = `Feb  2 10:00:00 mail postfix/smtpd[2101]: connect from app.example.com[192.0.2.5]
Feb  2 10:00:00 mail postfix/smtpd[2101]: 4F3A21C0E1: client=app.example.com[192.0.2.5], sasl_method=PLAIN, sasl_username=news
Feb  2 10:00:00 mail postfix/cleanup[2102]: 4F3A21C0E1: message-id=<20260202100000.1@example.com>
Feb  2 10:00:00 mail postfix/qmgr[1900]: 4F3A21C0E1: from=<news@example.com>, size=2301, nrcpt=3 (queue active)
Feb  2 10:00:00 mail postfix/smtpd[2101]: disconnect from app.example.com[192.0.2.5] ehlo=2 starttls=1 auth=1 mail=1 rcpt=3 data=1 quit=1 commands=10
Feb  2 10:00:01 mail postfix/smtp[2103]: 4F3A21C0E1: to=<jane@example.net>, relay=mx.example.net[192.0.2.25]:25, delay=1.4, delays=0.1/0/0.6/0.7, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 7B2C11A0F3)
Feb  2 10:00:01 mail postfix/smtp[2103]: 4F3A21C0E1: to=<gone@example.net>, relay=mx.example.net[192.0.2.25]:25, delay=1.4, delays=0.1/0/0.6/0.7, dsn=5.1.1, status=bounced (host mx.example.net[192.0.2.25] said: 550 5.1.1 <gone@example.net>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))
Feb  2 10:00:01 mail postfix/bounce[2104]: 4F3A21C0E1: sender non-delivery notification: 5A1B2C3D4E
Feb  2 10:00:02 mail postfix/smtp[2105]: 4F3A21C0E1: to=<slow@example.org>, relay=mx.example.org[198.51.100.7]:25, delay=2.1, delays=0.1/0/0.5/1.5, dsn=4.7.1, status=deferred (host mx.example.org[198.51.100.7] said: 450 4.7.1 <slow@example.org>: Recipient address rejected: Greylisted, see https://example.org/greylisting (in reply to RCPT TO command))
Feb  2 10:00:03 mail postfix/qmgr[1900]: 4F3A21C0E1: removed
Feb  2 10:05:00 mail postfix/smtp[2110]: 9C8D7E6F50: to=<nobody@example.net>, relay=none, delay=30, delays=0.1/0/30/0, dsn=4.4.1, status=deferred (connect to mx.example.net[192.0.2.25]:25: Connection timed out)
Feb  2 10:06:00 mail postfix/smtpd[2120]: NOQUEUE: reject: RCPT from unknown[203.0.113.9]: 554 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using zen.spamhaus.org; from=<spam@example.biz> to=<jane@example.com> proto=ESMTP helo=<example.biz>
Feb  2 10:06:01 mail postfix/lmtp[2121]: 4Tq1Wp3TXTz1xn3: to=<staff@example.com>, orig_to=<info@example.com>, relay=mail.example.com[private/dovecot-lmtp], delay=0.05, delays=0.01/0/0/0.04, dsn=2.0.0, status=sent (250 2.0.0 <staff@example.com> kJ3mB2n0gGaYJQAA Saved)
Feb  2 10:06:02 mail postfix/local[2122]: 3B4C5D6E7F: to=<full@example.com>, relay=local, delay=0.02, delays=0/0/0/0.02, dsn=5.2.2, status=bounced (cannot update mailbox /var/mail/full for user full. error writing message: File too large)
Feb  2 10:06:03 mail postfix/anvil[1899]: statistics: max connection rate 1/60s for (smtp:192.0.2.5) at Feb  2 10:00:00
`;

export const EXIM_LOG = `2026-02-02 10:00:00 1vQxYz-000Abc-Q1 <= news@example.com H=app.example.com [192.0.2.5] P=esmtpsa X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no A=dovecot_plain:news S=2301 id=20260202100000.1@example.com T="February news: what's new" from <news@example.com> for jane@example.net gone@example.net slow@example.org
2026-02-02 10:00:01 1vQxYz-000Abc-Q1 => jane@example.net R=dnslookup T=remote_smtp H=mx.example.net [192.0.2.25] X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes DN="CN=mx.example.net" C="250 2.0.0 OK 1770026401 x12si345 - gsmtp"
2026-02-02 10:00:01 1vQxYz-000Abc-Q1 ** gone@example.net R=dnslookup T=remote_smtp H=mx.example.net [192.0.2.25] X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes: SMTP error from remote mail server after RCPT TO:<gone@example.net>: 550 5.1.1 <gone@example.net>: Recipient address rejected: User unknown
2026-02-02 10:00:02 1vQxYz-000Abc-Q1 == slow@example.org R=dnslookup T=remote_smtp defer (-44) H=mx.example.org [198.51.100.7]: SMTP error from remote mail server after RCPT TO:<slow@example.org>: 451 4.7.1 Greylisting in action, please come back later
2026-02-02 10:00:02 1vQxYz-000Abc-Q1 Completed
2026-02-02 10:01:00 SMTP connection from [203.0.113.9]:51234 (TCP/IP connection count = 1)
2026-02-02 10:01:00 H=(example.biz) [203.0.113.9] F=<spam@example.biz> rejected RCPT <jane@example.com>: relay not permitted
2026-02-02 10:02:00.123 +0700 [4711] 1vQy00-00000000Ab1-2Pqm <= <> R=1vQxYz-000Abc-Q1 U=Debian-exim P=local S=3012
2026-02-02 10:02:00.456 +0700 [4712] 1vQy00-00000000Ab1-2Pqm ** news@example.com: Unrouteable address
2026-02-02 10:03:00 1vQy11-000Def-Zz => staff <staff@example.com> R=localuser T=local_delivery
2026-02-02 10:03:01 1vQy11-000Def-Zz ** full@example.com <info@example.com> R=localuser T=local_delivery: mailbox is full (MTA-imposed quota exceeded while writing to file /var/mail/full)
2026-02-02 10:04:00 Start queue run: pid=4800
`;

export const SENDMAIL_LOG = `Feb  2 10:00:00 mail sm-mta[4101]: STARTTLS=server, relay=app.example.com [192.0.2.5], version=TLSv1.3, verify=NO, cipher=TLS_AES_256_GCM_SHA384, bits=256/256
Feb  2 10:00:00 mail sm-mta[4101]: 61S9t0Qd012345: from=<news@example.com>, size=2301, class=0, nrcpts=2, msgid=<20260202100000.1@example.com>, proto=ESMTP, daemon=MTA, relay=app.example.com [192.0.2.5]
Feb  2 10:00:01 mail sm-mta[4102]: 61S9t0Qd012345: to=<jane@example.net>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=152301, relay=mx.example.net. [192.0.2.25], dsn=2.0.0, stat=Sent (OK 1770026401 queued as 7B2C11A0F3)
Feb  2 10:00:01 mail sm-mta[4102]: 61S9t0Qd012345: ... while talking to mx.example.net.:
Feb  2 10:00:01 mail sm-mta[4102]: 61S9t0Qd012345: >>> RCPT To:<gone@example.net>
Feb  2 10:00:01 mail sm-mta[4102]: 61S9t0Qd012345: <<< 550 5.1.1 <gone@example.net>... User unknown
Feb  2 10:00:01 mail sm-mta[4102]: 61S9t0Qd012345: <gone@example.net>... User unknown
Feb  2 10:00:01 mail sm-mta[4102]: 61S9t0Qd012345: to=<gone@example.net>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=152301, relay=mx.example.net. [192.0.2.25], dsn=5.1.1, stat=User unknown
Feb  2 10:00:01 mail sm-mta[4102]: 61S9t0Qd012345: 61S9t1Qd012346: DSN: User unknown
Feb  2 10:00:05 mail sm-mta[4103]: 61S9t2Qd012347: from=<alerts@example.com>, size=900, class=0, nrcpts=2, msgid=<a1@example.com>, proto=ESMTP, daemon=MTA, relay=localhost [127.0.0.1]
Feb  2 10:00:35 mail sm-mta[4104]: 61S9t2Qd012347: to=<ops@example.org>,<oncall@example.org>, delay=00:00:30, xdelay=00:00:30, mailer=esmtp, pri=180900, relay=mx.example.org., dsn=4.0.0, stat=Deferred: Connection timed out with mx.example.org.
Feb  2 10:00:40 mail sendmail[4105]: 61S9t3Qd012348: to=root, ctladdr=root (0/0), delay=00:00:00, xdelay=00:00:00, mailer=relay, pri=30000, relay=[127.0.0.1] [127.0.0.1], dsn=2.0.0, stat=Sent (61S9t3Qd012349 Message accepted for delivery)
Feb  2 10:00:41 mail sm-mta[4106]: 61S9t4Qd012350: to=<x@example.net>, delay=00:00:00, mailer=esmtp, pri=30000, stat=queued
`;
