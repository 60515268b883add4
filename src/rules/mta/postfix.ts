import type { RuleTable } from "../types.js";

/** Postfix: stock texts. */
export const POSTFIX: RuleTable = {
  id: "mta.postfix",
  priority: 55,
  rules: [],
};
