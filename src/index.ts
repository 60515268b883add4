/**
 * diagnosa: why a message was not delivered, and what to do about it.
 * The public library API.
 */

import type { DiagnoseOptions, Diagnosis, ReplyInput } from "./classify/diagnosis.js";
import { Engine } from "./classify/engine.js";
import { BLOCKLISTS, PROVIDER_DEFS, RULE_TABLES } from "./rules/index.js";

let engine: Engine | undefined;

/** The engine with every built-in rule, compiled on first use. */
export function defaultEngine(): Engine {
  engine ??= new Engine({ tables: RULE_TABLES, providers: PROVIDER_DEFS, blocklists: BLOCKLISTS });
  return engine;
}

/** Diagnoses one SMTP reply, or the diagnostic text around one. */
export function diagnose(input: string | ReplyInput, options?: DiagnoseOptions): Diagnosis {
  return defaultEngine().diagnose(input, options);
}

export { BounceError, parseBounce } from "./bounce/parse.js";
export type * from "./bounce/types.js";
export { decodeVerp, verpAddress } from "./bounce/verp.js";
export { CATEGORIES, categoryInfo } from "./catalog/categories.js";
export { ENHANCED_STATUS_CODES, enhancedStatusMeaning } from "./catalog/enhanced-status.js";
export { REASONS, reasonInfo } from "./catalog/reasons.js";
export type * from "./catalog/types.js";
export { CATEGORY_IDS, LANGS } from "./catalog/types.js";
export { UPSTREAM_CODE_ROWS } from "./catalog/upstream-codes.js";
export type * from "./classify/diagnosis.js";
export { Engine } from "./classify/engine.js";
export type { Entities } from "./classify/entities.js";
export type * from "./ingest/event.js";
export { classifyEvent } from "./ingest/event.js";
export { LogReader, LogState, parseLogLine } from "./ingest/logs/index.js";
export { fromWebhook, WebhookError } from "./ingest/webhooks/index.js";
export { BLOCKLISTS } from "./rules/blocklists.js";
export type { ParsedReply, SmtpCommand } from "./smtp/reply.js";
export { parseReply } from "./smtp/reply.js";
