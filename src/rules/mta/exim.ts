import type { RuleTable } from "../types.js";

/** Exim: stock texts. */
export const EXIM: RuleTable = {
  id: "mta.exim",
  priority: 55,
  rules: [],
};
