/**
 * One NerdGraph request: POST { query, variables } with the `API-Key` header, and every way it
 * can fail turned into a Paved error that says what was being done. The key never appears in a
 * message.
 */
import { ExternalServiceError, InputError, PermissionError } from '../errors.js';

export const NERDGRAPH_ENDPOINTS = {
  us: 'https://api.newrelic.com/graphql',
  eu: 'https://api.eu.newrelic.com/graphql',
} as const;

export interface NerdGraphClientOptions {
  apiKey: string;
  endpoint: string;
  fetch: typeof fetch;
  timeoutMs: number;
}

export type NerdGraph = <T>(what: string, document: string, variables: Record<string, unknown>) => Promise<T>;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Checks the endpoint: https, or plain http to this machine only (the key must not travel in clear). */
export function checkEndpoint(endpoint: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new InputError(`NerdGraph endpoint '${endpoint}' is not a URL; use ${NERDGRAPH_ENDPOINTS.us} (EU accounts: ${NERDGRAPH_ENDPOINTS.eu})`, { endpoint });
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new InputError(`NerdGraph endpoint '${endpoint}' must use https, so the API key is not sent in clear`, { endpoint });
  }
  return url;
}

export function createNerdGraphClient(options: NerdGraphClientOptions): NerdGraph {
  const { apiKey, endpoint } = options;
  return async <T>(what: string, document: string, variables: Record<string, unknown>): Promise<T> => {
    const operation = /\b(?:query|mutation)\s+(\w+)/.exec(document)?.[1] ?? 'anonymous';
    let response: Response;
    try {
      response = await options.fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'API-Key': apiKey },
        body: JSON.stringify({ query: document, variables }),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      throw new ExternalServiceError(`NerdGraph at ${endpoint} could not be reached while ${what}: ${(error as Error).message}; check the endpoint (EU accounts use ${NERDGRAPH_ENDPOINTS.eu})`, { endpoint, operation }, { cause: error });
    }
    const text = await response.text();
    if (response.status === 401 || response.status === 403) {
      throw new PermissionError(`NerdGraph refused the API key (HTTP ${response.status}) while ${what}; use a User key (NRAK-…) that may manage dashboards and alerts in this account`, { endpoint, operation, status: response.status });
    }
    let body: { data?: Record<string, unknown> | null; errors?: Array<{ message?: string }> };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new ExternalServiceError(`NerdGraph answered HTTP ${response.status} with something other than JSON while ${what}: ${text.slice(0, 200)}`, { endpoint, operation, status: response.status });
    }
    if (body.errors?.length) {
      const messages = body.errors.map((e) => e.message ?? JSON.stringify(e));
      throw new ExternalServiceError(`NerdGraph failed ${what}: ${messages.join('; ')}`, { endpoint, operation, errors: messages });
    }
    if (!response.ok || !body.data) {
      throw new ExternalServiceError(`NerdGraph answered HTTP ${response.status} without data while ${what}`, { endpoint, operation, status: response.status });
    }
    return body.data as T;
  };
}
