import type { ProviderDef } from "../types.js";

/** Receiving providers' knowledge (one file each). */
export const PROVIDERS: readonly ProviderDef[] = [];
