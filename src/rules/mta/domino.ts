import type { RuleTable } from "../types.js";

/** HCL (Lotus) Domino: stock texts. */
export const DOMINO: RuleTable = {
  id: "mta.domino",
  priority: 55,
  rules: [
    {
      id: "not-listed",
      reason: "invalid_address.user_unknown",
      match: [
        "not listed in domino directory",
        "not listed in public name & address book",
        "non répertorié dans l'annuaire domino",
        "domino ディレクトリには見つかりません",
      ],
      priority: 58,
      example: "User jane (jane@example.com) not listed in Domino Directory",
      source: "HCL Domino router",
    },
    {
      id: "no-route",
      reason: "recipient_error.routing",
      match: /\bno route found to domain\b/,
      keywords: ["no route found to domain"],
      priority: 58,
      example:
        "Router: No route found to domain example.com from server MAIL01/EXAMPLE. Check Server, Connection and Domain documents in Domino Directory.",
      source: "HCL Domino router",
    },
    {
      id: "cannot-route",
      reason: "recipient_error.routing",
      match: "cannot route mail to user",
      priority: 58,
      example: "Cannot route mail to user (jane@example.com)",
      source: "HCL Domino router",
    },
    {
      id: "hop-count",
      reason: "recipient_error.routing",
      match: "maximum hop count exceeded",
      priority: 60,
      example:
        "Error transferring to mail.example.com; Maximum hop count exceeded. Message probably in a routing loop.",
      source: "HCL Domino router",
    },
    {
      id: "several-matches",
      reason: "recipient_error.server_error",
      match: "several matches found in domino directory",
      priority: 58,
      example: "Several matches found in Domino Directory",
      source: "HCL Domino router",
    },
    {
      id: "file-does-not-exist",
      reason: "recipient_error.server_error",
      match: "file does not exist",
      priority: 46,
      example: "Router: Unable to deliver message: File does not exist",
      source: "HCL Domino router (recipient mail file missing)",
    },
  ],
};
