/* global sessionStorage, fetch, URLSearchParams */
/**
 * The API as the portal calls it: same origin, the token from sessionStorage as a Bearer header,
 * and every refusal turned into an ApiError carrying the API's own message.
 */

const KEY = 'paved.token';

/**
 * sessionStorage, not localStorage: the token lives only as long as the tab, and is never in a
 * cookie, so no other site can make the browser send it.
 */
export const token = {
  /** @returns {string | null} */
  get: () => sessionStorage.getItem(KEY),
  /** @param {string} value */
  set: (value) => sessionStorage.setItem(KEY, value),
  clear: () => sessionStorage.removeItem(KEY),
};

export class ApiError extends Error {
  /** @param {number} status @param {string} code @param {string} message @param {Record<string, unknown>} [details] */
  constructor(status, code, message, details = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/**
 * @param {'GET' | 'POST' | 'PATCH'} method
 * @param {string} path under /api
 * @param {unknown} [body]
 * @returns {Promise<any>}
 */
export async function api(method, path, body) {
  const headers = /** @type {Record<string, string>} */ ({ Accept: 'application/json' });
  const current = token.get();
  if (current) headers.Authorization = `Bearer ${current}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(`/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit' });
  } catch (error) {
    throw new ApiError(0, 'network', `could not reach the Paved server (${/** @type {Error} */ (error).message}); is paved start still running?`);
  }
  const json = await res.json().catch(() => null);
  if (!res.ok) {
    const err = json && json.error;
    throw new ApiError(res.status, err?.code ?? 'http', err?.message ?? `${res.status} ${res.statusText}`, err?.details ?? {});
  }
  return json;
}

export const get = (/** @type {string} */ path) => api('GET', path);
export const post = (/** @type {string} */ path, /** @type {unknown} */ body) => api('POST', path, body ?? {});

/** A query string from the set values. @param {Record<string, string | number | undefined | null>} params */
export function qs(params) {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') s.set(k, String(v));
  const text = s.toString();
  return text ? `?${text}` : '';
}
