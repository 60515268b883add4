import { ACTIVEHUNTER } from "./activehunter.js";
import { AMAVIS } from "./amavis.js";
import { AMAZONSES } from "./amazonses.js";
import { AMAZONWORKMAIL } from "./amazonworkmail.js";
import { APACHEJAMES } from "./apachejames.js";
import { BARRACUDA } from "./barracuda.js";
import { BIGFOOT } from "./bigfoot.js";
import { BIGLOBE } from "./biglobe.js";
import { COURIER } from "./courier.js";
import { DOMINO } from "./domino.js";
import { DRAGONFLY } from "./dragonfly.js";
import { EINSUNDEINS } from "./einsundeins.js";
import { EXCHANGE2003 } from "./exchange2003.js";
import { EXCHANGE2007 } from "./exchange2007.js";
import { EXIM } from "./exim.js";
import { EZWEB } from "./ezweb.js";
import { FML } from "./fml.js";
import { GMAIL } from "./gmail.js";
import { GMX } from "./gmx.js";
import { GOOGLEGROUPS } from "./googlegroups.js";
import { GOOGLEWORKSPACE } from "./googleworkspace.js";
import { IMAILSERVER } from "./imailserver.js";
import { KDDI } from "./kddi.js";
import { MAILFOUNDRY } from "./mailfoundry.js";
import { MAILMARSHAL } from "./mailmarshal.js";
import { MAILRU } from "./mailru.js";
import { MCAFEE } from "./mcafee.js";
import { MESSAGINGSERVER } from "./messagingserver.js";
import { MFILTER } from "./mfilter.js";
import { MIMECAST } from "./mimecast.js";
import { MXLOGIC } from "./mxlogic.js";
import { NOTES } from "./notes.js";
import { OFFICE365 } from "./office365.js";
import { OPENSMTPD } from "./opensmtpd.js";
import { OUTLOOK } from "./outlook.js";
import { POSTFIX } from "./postfix.js";
import { POWERMTA } from "./powermta.js";
import { QMAIL } from "./qmail.js";
import { RECEIVINGSES } from "./receivingses.js";
import { SENDGRID } from "./sendgrid.js";
import { SENDMAIL } from "./sendmail.js";
import { SURFCONTROL } from "./surfcontrol.js";
import { TRENDMICRO } from "./trendmicro.js";
import type { FormatDecoder } from "./types.js";
import { V5SENDMAIL } from "./v5sendmail.js";
import { VERIZON } from "./verizon.js";
import { X1 } from "./x1.js";
import { X2 } from "./x2.js";
import { X3 } from "./x3.js";
import { X4 } from "./x4.js";
import { X5 } from "./x5.js";
import { X6 } from "./x6.js";
import { YAHOO } from "./yahoo.js";
import { YANDEX } from "./yandex.js";
import { ZOHO } from "./zoho.js";

/**
 * The non-standard formats, tried in this order before the generic RFC 3464 reading: services
 * and specific products first, general MTAs last. Each decoder's `detect` is cheap; the first
 * whose `decode` returns recipients wins.
 */
export const FORMATS: FormatDecoder[] = [
  ACTIVEHUNTER,
  AMAVIS,
  AMAZONSES,
  AMAZONWORKMAIL,
  APACHEJAMES,
  BARRACUDA,
  BIGFOOT,
  BIGLOBE,
  DRAGONFLY,
  EINSUNDEINS,
  EZWEB,
  FML,
  GMAIL,
  GMX,
  GOOGLEGROUPS,
  GOOGLEWORKSPACE,
  IMAILSERVER,
  KDDI,
  MAILFOUNDRY,
  MAILMARSHAL,
  MAILRU,
  MCAFEE,
  MESSAGINGSERVER,
  MFILTER,
  MIMECAST,
  MXLOGIC,
  OFFICE365,
  OUTLOOK,
  POWERMTA,
  RECEIVINGSES,
  SENDGRID,
  SURFCONTROL,
  TRENDMICRO,
  VERIZON,
  X1,
  X2,
  X3,
  X4,
  X5,
  X6,
  YAHOO,
  YANDEX,
  ZOHO,
  EXCHANGE2007,
  EXCHANGE2003,
  NOTES,
  DOMINO,
  COURIER,
  OPENSMTPD,
  QMAIL,
  EXIM,
  POSTFIX,
  V5SENDMAIL,
  SENDMAIL,
];
