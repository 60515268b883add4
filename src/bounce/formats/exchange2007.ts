import { exchangeRecords } from "./office365.js";
import type { FormatDecoder } from "./types.js";

/**
 * Microsoft Exchange Server 2007 (and its successors on premises): "Undeliverable: …" with
 * "Delivery has failed to these recipients or distribution lists:" (localised in other languages
 * via Content-Language), an explanation per recipient, "Sent by Microsoft Exchange Server 2007",
 * then "Diagnostic information for administrators:" with "#550 5.1.1 RESOLVER.ADR.RecipNotFound;
 * not found ##" or "Remote Server returned '…'", and usually a delivery-status part.
 */
export const EXCHANGE2007: FormatDecoder = {
  id: "exchange2007",
  detect: (msg) =>
    /^\s*(?:Undeliverable|Non remis|Unzustellbar|Onbestelbaar|Não entregue|No se puede entregar)\b/i.test(
      msg.subject,
    ) &&
    (msg.text.includes("Diagnostic information for administrators") ||
      msg.text.includes("Microsoft Exchange")),
  decode: (msg, dsn) => exchangeRecords(msg, dsn),
};
