import type { ProviderDef } from "../types.js";

/** Cox: its hosts, the marks of its replies, and its own codes and phrases. */
export const COX: ProviderDef = {
  id: "cox",
  name: "Cox",
  hosts: ["cox.net", "cloudfilter.net"],
  markers: ["cox.com/residential/support/email-error-codes", "cox.net"],
  rules: [],
  codes: [],
};
