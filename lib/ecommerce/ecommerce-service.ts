import { memoize, Memoized } from '../core/memoize';
import { assertFunction, assertNonNegativeDuration } from '../core/validate';
import { AsyncCache } from '../cache/async-cache';
import { LoggingCache } from '../cache/logging-cache';
import { realSleep, Sleep } from '../core/clock';
import { AnalyticsEventType, Order, Product, ProductStats, Session, User, UserPatch } from '../db/model';
import { ShopDatabase } from '../db/shop-database';
import { CacheAside } from '../patterns/cache-aside';
import { WriteAround } from '../patterns/write-around';
import { WriteBehind, WriteBehindOptions, WriteBehindStats } from '../patterns/write-behind';
import { WriteThrough } from '../patterns/write-through';
import { ShippingType, shippingCost } from './shipping';
import { ServiceTtls, guideTtls } from './ttl-policy';

/** Options for {@link ECommerceService}. */
export interface ECommerceServiceOptions {
  /** The database of record. */
  db: ShopDatabase;
  /** The cache (in-memory or Redis); the service does not close it. */
  cache: AsyncCache;
  /** The guide's base TTL in seconds (default 60); see {@link guideTtls}. */
  cacheTtlSeconds?: number;
  /** Receives the guide-style trace lines (cache HIT/MISS/SET/DELETE, DB queries); default silent. */
  log?: (line: string) => void;
  /** How long one (uncached) shipping calculation takes, in ms (default 50, like the guide). */
  shippingDelayMs?: number;
  /** How the shipping calculation waits (default real `setTimeout`). */
  delay?: Sleep;
  /** Tuning of the analytics write-behind queue (batch size, interval, timers, backoff). */
  analytics?: Partial<Omit<WriteBehindOptions<ProductStats>, 'cache' | 'saveBatch' | 'load'>>;
}

/** The cache's counters in the guide's shape. */
export interface ServiceCacheStats {
  hits: number;
  misses: number;
  /** Percentage, like the guide's `hit_rate`. */
  hitRatePercent: number;
  totalKeys: number;
  /** Degraded cache operations (Redis down or slow). */
  warnings: number;
}

/**
 * The guide's e-commerce service, each kind of data with the pattern that suits it:
 * products by cache-aside, user sessions by write-through, analytics counters by write-behind,
 * price updates by write-around; users and orders by cache-aside with invalidation on update;
 * the shipping cost memoised with the library's {@link memoize}.
 *
 * Keys: `product:ID`, `user:ID`, `user_orders:ID`, `session:ID`, `product_stats:ID`.
 */
export class ECommerceService {
  /** The cache as the service uses it (logging when `log` is given). */
  readonly cache: AsyncCache;
  readonly db: ShopDatabase;
  readonly ttls: ServiceTtls;
  /** Memoised shipping cost, `cacheInfo()` and `cacheClear()` included. */
  readonly calculateShippingCost: Memoized<[number, number, ShippingType], Promise<number>>;
  private readonly log: (line: string) => void;
  private readonly aside: CacheAside;
  private readonly sessions: WriteThrough<Session>;
  private readonly analytics: WriteBehind<ProductStats>;
  private readonly prices: WriteAround<Product>;

  constructor(options: ECommerceServiceOptions) {
    const log = options.log ?? (() => undefined);
    assertFunction('log', log);
    const shippingDelayMs = options.shippingDelayMs ?? 50;
    assertNonNegativeDuration('shippingDelayMs', shippingDelayMs);
    const delay = options.delay ?? realSleep;
    this.log = log;
    this.db = options.db;
    this.ttls = guideTtls(options.cacheTtlSeconds ?? 60);
    this.cache = options.log ? new LoggingCache(options.cache, log) : options.cache;
    this.aside = new CacheAside(this.cache, { ttlMs: this.ttls.product });
    this.sessions = new WriteThrough<Session>({
      cache: this.cache as AsyncCache<Session>,
      ttlMs: this.ttls.session,
      save: (_key, session) => this.db.saveSession(session),
      load: (key) => this.db.getSession(key.slice('session:'.length)),
    });
    this.analytics = new WriteBehind<ProductStats>({
      maxBatchSize: 100,
      flushIntervalMs: 1_000,
      ...options.analytics,
      cache: this.cache as AsyncCache<ProductStats>,
      ttlMs: this.ttls.productStats,
      saveBatch: (entries) => this.db.saveProductStats(entries.map(([, stats]) => stats)),
      load: (key) => this.db.getProductStats(Number(key.slice('product_stats:'.length))),
    });
    this.prices = new WriteAround<Product>({
      cache: this.cache as AsyncCache<Product>,
      ttlMs: this.ttls.product,
      load: (key) => this.fetchProduct(Number(key.slice('product:'.length))),
    });
    this.calculateShippingCost = memoize(
      async (weightKg: number, distanceKm: number, type: ShippingType) => {
        const cost = shippingCost(weightKg, distanceKm, type);
        log(` Computing shipping cost (weight=${weightKg}, distance=${distanceKm}, type=${type})`);
        await delay(shippingDelayMs);
        return cost;
      },
      { maxSize: 100 },
    );
  }

  /** A product, by cache-aside (TTL: the base TTL). */
  getProduct(id: number): Promise<Product | undefined> {
    // Through the write-around reader, so a price update racing with this read is never undone.
    return this.prices.read(`product:${id}`);
  }

  /** A user, by cache-aside (shorter TTL: user data changes more often). */
  async getUser(id: number): Promise<User | undefined> {
    const load = () => {
      this.log(` DB Query: Fetching user ${id}...`);
      return this.db.getUser(id);
    };
    return (await this.aside.getOrLoad(`user:${id}`, load, this.ttls.user)) as User | undefined;
  }

  /** A user's orders (an expensive query), by cache-aside with the shortest TTL. */
  async getUserOrders(userId: number): Promise<Order[]> {
    const load = () => {
      this.log(` DB Query: Fetching orders for user ${userId}...`);
      return this.db.getUserOrders(userId);
    };
    return (await this.aside.getOrLoad(`user_orders:${userId}`, load, this.ttls.orders)) as Order[];
  }

  /**
   * Updates a user in the database, then invalidates `user:ID` and `user_orders:ID`.
   * Resolves to the updated user (`undefined` if there is none) and how many entries were dropped.
   */
  async updateUser(id: number, patch: UserPatch): Promise<{ user: User | undefined; invalidated: number }> {
    this.log(` Updating user ${id} in database...`);
    const keys = [`user:${id}`, `user_orders:${id}`];
    const before = this.aside.stats().invalidations;
    const user = await this.aside.updateThenInvalidate(() => this.db.updateUser(id, patch), keys);
    const invalidated = this.aside.stats().invalidations - before;
    this.log(` Invalidated ${invalidated} cache entries`);
    return { user, invalidated };
  }

  /** Saves a session by write-through: resolves once the database and (if it can) the cache have it. */
  async saveSession(session: Session): Promise<{ cached: boolean }> {
    const { cached } = await this.sessions.write(`session:${session.id}`, session);
    return { cached };
  }

  /** A session, cache first. */
  getSession(id: string): Promise<Session | undefined> {
    return this.sessions.read(`session:${id}`);
  }

  /**
   * Records an analytics event by write-behind: acknowledged at cache speed, counted per product
   * and written to the database in batches. Call {@link flush} or {@link close} to persist.
   */
  trackEvent(productId: number, type: AnalyticsEventType): Promise<ProductStats> {
    const field = ({ view: 'views', add_to_cart: 'addToCarts', purchase: 'purchases' } as const)[type];
    if (field === undefined) return Promise.reject(new RangeError(`type must be view, add_to_cart or purchase, got ${JSON.stringify(type)}`));
    return this.analytics.update(`product_stats:${productId}`, (current) => {
      const stats = current ?? { productId, views: 0, addToCarts: 0, purchases: 0 };
      return { ...stats, [field]: stats[field] + 1 };
    });
  }

  /** A product's analytics counters, including events not yet flushed. */
  async getProductStats(productId: number): Promise<ProductStats> {
    return (await this.analytics.read(`product_stats:${productId}`)) ?? { productId, views: 0, addToCarts: 0, purchases: 0 };
  }

  /** Changes a price by write-around: the database is updated, `product:ID` invalidated, not refilled. */
  async updatePrice(productId: number, price: number): Promise<boolean> {
    this.log(` Updating price of product ${productId} to ${price} in database...`);
    return this.prices.write(`product:${productId}`, () => this.db.updateProductPrice(productId, price));
  }

  /** The write-behind queue's counters (queued = unflushed analytics updates). */
  analyticsStats(): WriteBehindStats {
    return this.analytics.stats();
  }

  /** The cache's counters in the guide's shape. */
  async cacheStats(): Promise<ServiceCacheStats> {
    const s = this.cache.stats();
    return {
      hits: s.hits,
      misses: s.misses,
      hitRatePercent: Math.round(s.hitRate * 1000) / 10,
      totalKeys: await this.cache.size(),
      warnings: s.warnings,
    };
  }

  /** Persists queued analytics now. */
  flush(): Promise<void> {
    return this.analytics.flush();
  }

  /** Flushes analytics and stops the write-behind queue (the cache and database stay open). */
  close(): Promise<void> {
    return this.analytics.close();
  }

  private fetchProduct(id: number): Promise<Product | undefined> {
    this.log(` DB Query: Fetching product ${id}...`);
    return this.db.getProduct(id);
  }
}
