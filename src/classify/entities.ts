/** The things a sender may have to act on, found in the reply text. */
export interface Entities {
  blocklists: string[];
  ips: string[];
  domains: string[];
  urls: string[];
  addresses: string[];
}

const IPV4_RE =
  /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d]|\.\d)/g;
const IPV6_RE = /(?<![\w:])(?:[0-9a-f]{1,4}:){2,7}(?::|[0-9a-f]{1,4})(?:(?::[0-9a-f]{1,4}){0,6})?(?![\w:])/gi;
const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"'()[\]{}]{2,2000}/gi;
const ADDRESS_RE = /[a-z0-9!#$%&*+/=?^_`{|}~.-]{1,64}@(?:[a-z0-9-]{1,63}\.){1,8}[a-z]{2,24}\b/gi;
const HOST_RE =
  /(?<![\w@.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,8}([a-z]{2,24})(?![\w-]|\.[a-z0-9])/gi;

// Top-level domains accepted for bare host names in free text (every two-letter code is accepted
// too); a word like "STOREDRV.Deliver" is not a domain.
const TLDS = new Set(
  "com net org edu gov mil int info biz name pro mobi asia tel xyz online site top app dev cloud email mail club shop store tech live io co me tv cc ws".split(
    " ",
  ),
);

function push(list: string[], value: string): void {
  if (list.length < 20 && !list.includes(value)) list.push(value);
}

export function extractEntities(text: string, blocklists: string[]): Entities {
  const e: Entities = { blocklists, ips: [], domains: [], urls: [], addresses: [] };
  if (text.includes(".")) {
    for (const m of text.matchAll(IPV4_RE)) push(e.ips, m[0]);
  }
  if (text.includes("::") || /[0-9a-f]{1,4}:[0-9a-f]{1,4}:[0-9a-f]{0,4}:/i.test(text)) {
    for (const m of text.matchAll(IPV6_RE))
      if (m[0].includes(":") && /[0-9a-f]/i.test(m[0])) push(e.ips, m[0].toLowerCase());
  }
  const lower =
    text.includes("http") || text.includes("www.") || text.includes("HTTP") || text.includes("WWW.");
  if (lower) {
    for (const m of text.matchAll(URL_RE)) push(e.urls, m[0].replace(/[.,;:!?]+$/, ""));
  }
  if (text.includes("@")) {
    for (const m of text.matchAll(ADDRESS_RE)) {
      const address = m[0].replace(/^\.+/, "");
      push(e.addresses, address);
      push(e.domains, address.slice(address.lastIndexOf("@") + 1).toLowerCase());
    }
  }
  for (const m of text.matchAll(HOST_RE)) {
    const tld = m[1]!.toLowerCase();
    if (tld.length === 2 || TLDS.has(tld)) push(e.domains, m[0].toLowerCase());
  }
  return e;
}
