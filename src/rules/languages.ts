import type { RuleTable } from "./types.js";

/** Replies in languages other than English: stock texts. */
export const LANGUAGES: RuleTable = {
  id: "lang",
  priority: 55,
  rules: [],
};
