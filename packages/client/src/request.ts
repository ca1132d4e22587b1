// The request builder of `/core`: what openapi-fetch does for a resource call, and no more (a
// core has no `raw` client and no middleware), so that a core's bundle leaves openapi-fetch out
// (2.2 kB gzipped). The full client builds with openapi-fetch; test/core.test.ts holds the two
// to the same requests, operation by operation.

export interface BuilderInit {
  baseUrl: string;
  headers: Record<string, string>;
  querySerializer: (query: Record<string, unknown>) => string;
  bodySerializer: (body: unknown) => BodyInit;
}

interface CallInit {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown> };
  body?: unknown;
  headers?: Record<string, string | undefined | null>;
  signal?: AbortSignal;
  fetch: (request: Request) => Promise<Response>;
}

/** `{ request(method, path, init) }` answering `{ error, response }` as openapi-fetch's does (`parseAs: 'stream'`). */
export function createRequester({ baseUrl, headers: base, querySerializer, bodySerializer }: BuilderInit) {
  return {
    async request(method: string, path: string, { params = {}, body, headers, signal, fetch }: CallInit) {
      // Each value percent-encoded, an array's joined with raw commas (OpenAPI's `simple` style).
      const url = baseUrl.replace(/\/$/, '') + path.replace(/\{([^{}]+)\}/g, (name, key: string) => {
        const value = params.path?.[key];
        return value == null ? name : ([] as unknown[]).concat(value).map((v) => encodeURIComponent(v as string)).join(',');
      });
      const search = querySerializer(params.query ?? {});
      const payload = body === undefined ? undefined : bodySerializer(body);
      // A form sets its own Content-Type (with the boundary); `null` takes a header away.
      const all = new Headers(payload === undefined || payload instanceof FormData ? {} : { 'Content-Type': 'application/json' });
      for (const [k, v] of Object.entries({ ...base, ...headers })) v === null ? all.delete(k) : v !== undefined && all.set(k, v);
      const response = await fetch(new Request(search ? `${url}?${search}` : url, { method: method.toUpperCase(), redirect: 'follow', body: payload, headers: all, signal }));
      if (response.ok || response.status === 204 || response.headers.get('content-length') === '0') return { response };
      let error: unknown = await response.text();
      try {
        error = JSON.parse(error as string);
      } catch {
        // not JSON: the text itself
      }
      return { error, response };
    },
  };
}
