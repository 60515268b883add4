import type { ProviderDef } from "../types.js";

/** Tencent (QQ Mail, Exmail): its hosts, the marks of its replies, and its own codes and phrases. */
export const TENCENT: ProviderDef = {
  id: "tencent",
  name: "Tencent (QQ Mail, Exmail)",
  hosts: ["qq.com", "exmail.qq.com", "foxmail.com"],
  markers: ["service.mail.qq.com", "mail.qq.com"],
  rules: [],
  codes: [],
};
