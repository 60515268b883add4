import type { ProviderDef } from "../types.js";

/** Proofpoint: its hosts, the marks of its replies, and its own codes and phrases. */
export const PROOFPOINT: ProviderDef = {
  id: "proofpoint",
  name: "Proofpoint",
  hosts: ["pphosted.com", "ppe-hosted.com", "proofpoint.com"],
  markers: ["pphosted", "ipcheck.proofpoint.com", "proofpoint"],
  rules: [],
  codes: [],
};
