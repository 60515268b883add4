import type { ProviderDef } from "../types.js";

/** Rackspace Email: its hosts, the marks of its replies, and its own codes and phrases. */
export const RACKSPACE: ProviderDef = {
  id: "rackspace",
  name: "Rackspace Email",
  hosts: ["emailsrvr.com", "rackspace.com"],
  markers: ["emailsrvr.com", "rackspace"],
  rules: [],
  codes: [],
};
