import type { RuleTable } from "../types.js";

/** Stock texts of MTAs (one file each). */
export const MTA_TABLES: readonly RuleTable[] = [];
