import type { ProviderDef } from "../types.js";

/** Cisco Secure Email (IronPort): its hosts, the marks of its replies, and its own codes and phrases. */
export const CISCO: ProviderDef = {
  id: "cisco",
  name: "Cisco Secure Email (IronPort)",
  hosts: ["iphmx.com", "ironport.com"],
  markers: ["iphmx.com", "ironport", "senderbase"],
  rules: [],
  codes: [],
};
