import type { ProviderDef } from "../types.js";

/** Yandex: its hosts, the marks of its replies, and its own codes and phrases. */
export const YANDEX: ProviderDef = {
  id: "yandex",
  name: "Yandex",
  hosts: ["yandex.ru", "yandex.net", "yandex.com", "ya.ru"],
  markers: ["yandex.ru/support", "yandex.com/support"],
  rules: [],
  codes: [],
};
