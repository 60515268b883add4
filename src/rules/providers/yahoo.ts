import type { ProviderDef } from "../types.js";

/** Yahoo / AOL: its hosts, the marks of its replies, and its own codes and phrases. */
export const YAHOO: ProviderDef = {
  id: "yahoo",
  name: "Yahoo / AOL",
  hosts: ["yahoodns.net", "yahoo.com", "aol.com", "mx.aol.com", "yahoo.co.jp"],
  markers: [
    "postmaster.yahooinc.com",
    "senders.yahooinc.com",
    "postmaster.verizonmedia.com",
    "yahoo.com/error",
    "postmaster.aol.com",
  ],
  rules: [],
  codes: [],
};
