import type { ProviderDef } from "../types.js";

/** NetEase (163, 126, Yeah): its hosts, the marks of its replies, and its own codes and phrases. */
export const NETEASE: ProviderDef = {
  id: "netease",
  name: "NetEase (163, 126, Yeah)",
  hosts: ["163.com", "126.com", "yeah.net", "netease.com", "qiye.163.com"],
  markers: ["mail.163.com/help", "help.163.com", "netease"],
  rules: [],
  codes: [],
};
