import { BLOCKLIST_RULES, BLOCKLISTS } from "./blocklists.js";
import { AUTHENTICATION } from "./generic/auth.js";
import { BLOCKING } from "./generic/blocking.js";
import { INVALID_ADDRESS } from "./generic/invalid-address.js";
import { MAILBOX } from "./generic/mailbox.js";
import { RATE_LIMIT } from "./generic/rate-limit.js";
import { RECIPIENT_ERROR } from "./generic/recipient-error.js";
import { REJECTION } from "./generic/rejection.js";
import { MTA_TABLES } from "./mta/index.js";
import { PROVIDERS } from "./providers/index.js";
import type { ProviderDef, RuleTable } from "./types.js";

/** Every rule table: generic phrases by category, MTA stock texts, blocklists. */
export const RULE_TABLES: readonly RuleTable[] = [
  INVALID_ADDRESS,
  MAILBOX,
  AUTHENTICATION,
  BLOCKING,
  RATE_LIMIT,
  RECIPIENT_ERROR,
  REJECTION,
  BLOCKLIST_RULES,
  ...MTA_TABLES,
];

export const PROVIDER_DEFS: readonly ProviderDef[] = PROVIDERS;
export { BLOCKLISTS };
