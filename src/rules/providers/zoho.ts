import type { ProviderDef } from "../types.js";

/** Zoho Mail: its hosts, the marks of its replies, and its own codes and phrases. */
export const ZOHO: ProviderDef = {
  id: "zoho",
  name: "Zoho Mail",
  hosts: ["zoho.com", "zohomail.com", "zoho.eu"],
  markers: ["zoho.com/mail/help"],
  rules: [],
  codes: [],
};
