import { assertNonNegativeDuration } from '../core/validate';

/** The queries of {@link ShopDatabase}, named so latency can differ per query like in the guide. */
export type QueryName =
  | 'getProduct'
  | 'getProducts'
  | 'getUser'
  | 'getUserOrders'
  | 'getSession'
  | 'getProductStats'
  | 'updateUser'
  | 'updateProductPrice'
  | 'saveSession'
  | 'deleteSession'
  | 'saveProductStats';

/** Injected latency: one figure for every query, or a figure per query. */
export type Latency = number | ((query: QueryName) => number);

/**
 * The guide's latency profile: products take `baseMs`, users `baseMs + 50`, orders `baseMs + 100`;
 * every other query takes `baseMs`.
 */
export function guideLatency(baseMs: number): (query: QueryName) => number {
  assertNonNegativeDuration('baseMs', baseMs);
  return (query) => {
    if (query === 'getUser') return baseMs + 50;
    if (query === 'getUserOrders') return baseMs + 100;
    return baseMs;
  };
}

/** The latency of `query` under `latency`, validated so a bad profile fails loudly. */
export function latencyOf(latency: Latency, query: QueryName): number {
  const ms = typeof latency === 'number' ? latency : latency(query);
  assertNonNegativeDuration(`latency of ${query}`, ms);
  return ms;
}
