import type { ProviderDef } from "../types.js";

/** Barracuda Email Security: its hosts, the marks of its replies, and its own codes and phrases. */
export const BARRACUDA: ProviderDef = {
  id: "barracuda",
  name: "Barracuda Email Security",
  hosts: ["barracudanetworks.com", "ess.barracudanetworks.com"],
  markers: ["barracudanetworks.com", "barracuda"],
  rules: [],
  codes: [],
};
