import { assertPositiveSeconds } from '../core/validate';

/** The service's TTLs in ms, one per kind of data. */
export interface ServiceTtls {
  product: number;
  user: number;
  orders: number;
  session: number;
  productStats: number;
}

/**
 * The guide's TTLs from one base TTL in seconds: products `ttl`, users `ttl − 30`, orders
 * `ttl − 40` (they change more often), with floors of 30 s and 20 s.
 *
 * The guide's floors are `max(30, ttl − 30)`, which makes a user outlive a product when the base
 * TTL is short (base 5 s → users 30 s): the opposite of the intent. Here a floor never exceeds
 * the base TTL, so base 5 s gives 5 s everywhere; for base ≥ 60 s the guide's figures are unchanged.
 */
export function guideTtls(cacheTtlSeconds: number): ServiceTtls {
  assertPositiveSeconds('cacheTtlSeconds', cacheTtlSeconds);
  const ttl = cacheTtlSeconds;
  const seconds = {
    product: ttl,
    user: Math.max(Math.min(30, ttl), ttl - 30),
    orders: Math.max(Math.min(20, ttl), ttl - 40),
  };
  return {
    product: seconds.product * 1000,
    user: seconds.user * 1000,
    orders: seconds.orders * 1000,
    session: seconds.user * 1000,
    productStats: seconds.product * 1000,
  };
}
