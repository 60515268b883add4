import type { RuleTable } from "../types.js";

/** Sendmail: stock texts. */
export const SENDMAIL: RuleTable = {
  id: "mta.sendmail",
  priority: 55,
  rules: [],
};
