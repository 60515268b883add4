import type { ProviderDef } from "../types.js";

/** GoDaddy (Secureserver): its hosts, the marks of its replies, and its own codes and phrases. */
export const GODADDY: ProviderDef = {
  id: "godaddy",
  name: "GoDaddy (Secureserver)",
  hosts: ["secureserver.net", "godaddy.com"],
  markers: ["secureserver.net", "x.co/srbounce"],
  rules: [],
  codes: [],
};
