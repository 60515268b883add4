import type { RuleTable } from "../types.js";

/** qmail: stock texts. */
export const QMAIL: RuleTable = {
  id: "mta.qmail",
  priority: 55,
  rules: [],
};
