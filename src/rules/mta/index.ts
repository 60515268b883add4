import { LANGUAGES } from "../languages.js";
import type { RuleTable } from "../types.js";
import { DOMINO } from "./domino.js";
import { EXCHANGE } from "./exchange.js";
import { EXIM } from "./exim.js";
import { POSTFIX } from "./postfix.js";
import { QMAIL } from "./qmail.js";
import { SENDMAIL } from "./sendmail.js";

/** Stock texts of MTAs, one file each, and replies in other languages. */
export const MTA_TABLES: readonly RuleTable[] = [POSTFIX, EXIM, SENDMAIL, QMAIL, EXCHANGE, DOMINO, LANGUAGES];
