import type { ProviderDef } from "../types.js";

/** Orange / La Poste: its hosts, the marks of its replies, and its own codes and phrases. */
export const ORANGE: ProviderDef = {
  id: "orange",
  name: "Orange / La Poste",
  hosts: ["orange.fr", "wanadoo.fr", "laposte.net"],
  markers: ["ofr_", "lpn0"],
  rules: [],
  codes: [],
};
