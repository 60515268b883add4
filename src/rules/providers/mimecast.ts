import type { ProviderDef } from "../types.js";

/** Mimecast: its hosts, the marks of its replies, and its own codes and phrases. */
export const MIMECAST: ProviderDef = {
  id: "mimecast",
  name: "Mimecast",
  hosts: ["mimecast.com", "mimecast-offshore.com"],
  markers: ["mimecast"],
  rules: [],
  codes: [],
};
