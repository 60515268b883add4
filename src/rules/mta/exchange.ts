import type { RuleTable } from "../types.js";

/** Microsoft Exchange Server: stock texts. */
export const EXCHANGE: RuleTable = {
  id: "mta.exchange",
  priority: 55,
  rules: [],
};
