import type { ProviderDef } from "../types.js";

/** Apple iCloud: its hosts, the marks of its replies, and its own codes and phrases. */
export const APPLE: ProviderDef = {
  id: "apple",
  name: "Apple iCloud",
  hosts: ["icloud.com", "me.com", "mac.com", "apple.com"],
  markers: ["support.apple.com/en-us/ht204137", "icloud.com"],
  rules: [],
  codes: [],
};
