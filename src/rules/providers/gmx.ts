import type { ProviderDef } from "../types.js";

/** GMX / web.de / 1&1 (IONOS): its hosts, the marks of its replies, and its own codes and phrases. */
export const GMX: ProviderDef = {
  id: "gmx",
  name: "GMX / web.de / 1&1 (IONOS)",
  hosts: ["gmx.net", "gmx.de", "gmx.com", "web.de", "kundenserver.de", "ionos.com", "1and1.com"],
  markers: ["postmaster.gmx", "postmaster.web.de", "postmaster.1and1", "mx-ha.gmx.net"],
  rules: [],
  codes: [],
};
