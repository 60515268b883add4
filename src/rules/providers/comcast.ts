import type { ProviderDef } from "../types.js";

/** Comcast (Xfinity): its hosts, the marks of its replies, and its own codes and phrases. */
export const COMCAST: ProviderDef = {
  id: "comcast",
  name: "Comcast (Xfinity)",
  hosts: ["comcast.net"],
  markers: ["postmaster.comcast.net", "comcast.net"],
  rules: [],
  codes: [],
};
