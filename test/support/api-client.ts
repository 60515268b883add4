// A fetch for the service's API in tests: the key as a bearer token unless the call sets its own
// authorization, and `json` sent as a JSON body.
export type ApiInit = RequestInit & { json?: unknown };

export function apiCaller(
  base: () => string,
  key: () => string,
): (path: string, init?: ApiInit) => Promise<Response> {
  return (path, init = {}) => {
    const headers = new Headers(init.headers);
    if (!headers.has("authorization")) headers.set("authorization", `Bearer ${key()}`);
    if (init.json !== undefined) headers.set("content-type", "application/json");
    return fetch(`${base()}${path}`, {
      ...init,
      headers,
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    });
  };
}
