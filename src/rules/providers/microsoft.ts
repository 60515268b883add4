import type { ProviderDef } from "../types.js";

/** Microsoft (Outlook.com, Office 365 / Exchange Online): its hosts, the marks of its replies, and its own codes and phrases. */
export const MICROSOFT: ProviderDef = {
  id: "microsoft",
  name: "Microsoft (Outlook.com, Office 365 / Exchange Online)",
  hosts: ["outlook.com", "hotmail.com", "protection.outlook.com", "office365.com", "live.com", "msn.com"],
  markers: ["protection.outlook.com", "prod.outlook.com", "sender.office.com", "go.microsoft.com/fwlink"],
  rules: [],
  codes: [],
};
