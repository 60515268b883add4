import type { ProviderDef } from "../types.js";

/** Mail.ru: its hosts, the marks of its replies, and its own codes and phrases. */
export const MAILRU: ProviderDef = {
  id: "mailru",
  name: "Mail.ru",
  hosts: ["mail.ru", "inbox.ru", "list.ru", "bk.ru"],
  markers: ["help.mail.ru", "postmaster.mail.ru"],
  rules: [],
  codes: [],
};
