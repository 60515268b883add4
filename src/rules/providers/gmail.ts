import type { ProviderDef } from "../types.js";

/** Gmail / Google Workspace: its hosts, the marks of its replies, and its own codes and phrases. */
export const GMAIL: ProviderDef = {
  id: "gmail",
  name: "Gmail / Google Workspace",
  hosts: ["google.com", "googlemail.com", "gmail.com", "1e100.net"],
  markers: ["gsmtp", "support.google.com/mail", "support.google.com/a/"],
  rules: [],
  codes: [],
};
