import type { ProviderDef } from "../types.js";

/** AT&T: its hosts, the marks of its replies, and its own codes and phrases. */
export const ATT: ProviderDef = {
  id: "att",
  name: "AT&T",
  hosts: ["att.net", "sbcglobal.net", "bellsouth.net", "prodigy.net"],
  markers: ["att.net", "abuse_rbl@abuse-att.net"],
  rules: [],
  codes: [],
};
