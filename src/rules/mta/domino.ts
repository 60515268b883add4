import type { RuleTable } from "../types.js";

/** HCL (Lotus) Domino: stock texts. */
export const DOMINO: RuleTable = {
  id: "mta.domino",
  priority: 55,
  rules: [],
};
