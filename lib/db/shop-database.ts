import Database from 'better-sqlite3';
import { assertFunction, assertPositiveInteger } from '../core/validate';
import { generateOrders, generateProducts, generateUsers } from './catalog-generator';
import { FaultInjector } from './fault-injector';
import { realSleep, Sleep } from '../core/clock';
import { Latency, QueryName, latencyOf } from './latency';
import { Order, Product, ProductStats, Session, User, UserPatch } from './model';
import { SCHEMA_SQL } from './schema';

/** Options for {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** SQLite file; default `':memory:'` (each database is private to its owner). */
  path?: string;
  /** Injected latency per query in ms (default 5: modest; tests pass 0, the demo 100–300). */
  latencyMs?: Latency;
  /** How latency is waited for (default real `setTimeout`); tests may inject a fake. */
  delay?: Sleep;
  /** Products in the catalog, the guide's five first (default 5). */
  catalogSize?: number;
  /** Users, the guide's three first (default 3). */
  userCount?: number;
  /** Seed of the generated catalog and orders (default 42). */
  seed?: number;
}

/** Database load, so notebooks can show it fall as the hit rate rises. */
export interface DatabaseCounters {
  /** Read queries that ran (failed ones excluded). */
  reads: number;
  /** Write statements or transactions that committed. */
  writes: number;
  /** Rows changed by committed writes. */
  rowsWritten: number;
  /** Reads that failed by injected fault. */
  failedReads: number;
  /** Writes that failed by injected fault (nothing was changed). */
  failedWrites: number;
  /** Successful queries by name. */
  byQuery: Partial<Record<QueryName, number>>;
}

/** Opens (and seeds) a shop database; see {@link ShopDatabase}. */
export function openDatabase(options: OpenDatabaseOptions = {}): ShopDatabase {
  return new ShopDatabase(options);
}

/**
 * The database of record: a real SQLite database with the guide's products, users and orders,
 * behind an async repository API with injected latency, load counters and fault injection.
 *
 * Every method waits its injected latency, then checks for an injected fault, then runs the
 * statement, so an injected write failure never changes data.
 */
export class ShopDatabase {
  /** Schedules failures of the next reads or writes. */
  readonly faults = new FaultInjector();
  private readonly db: Database.Database;
  private latency: Latency;
  private readonly delay: Sleep;
  private counters: DatabaseCounters = emptyCounters();
  private readonly statements: ReturnType<ShopDatabase['prepare']>;

  constructor(options: OpenDatabaseOptions = {}) {
    const catalogSize = options.catalogSize ?? 5;
    const userCount = options.userCount ?? 3;
    assertPositiveInteger('catalogSize', catalogSize);
    assertPositiveInteger('userCount', userCount);
    if (options.delay !== undefined) assertFunction('delay', options.delay);
    this.latency = options.latencyMs ?? 5;
    latencyOf(this.latency, 'getProduct');
    this.delay = options.delay ?? realSleep;
    this.db = new Database(options.path ?? ':memory:');
    this.db.pragma('journal_mode = WAL');
    this.db.exec(SCHEMA_SQL);
    this.statements = this.prepare();
    if ((this.db.prepare('SELECT COUNT(*) AS n FROM products').get() as { n: number }).n === 0) {
      this.seed(catalogSize, userCount, options.seed ?? 42);
    }
  }

  /** Changes the injected latency from now on (e.g. the demo's slow-database scenario). */
  setLatency(latencyMs: Latency): void {
    latencyOf(latencyMs, 'getProduct');
    this.latency = latencyMs;
  }

  /** A copy of the load counters. */
  stats(): DatabaseCounters {
    return { ...this.counters, byQuery: { ...this.counters.byQuery } };
  }

  /** Zeroes the load counters. */
  resetStats(): void {
    this.counters = emptyCounters();
  }

  /** One product, or `undefined` when no product has that id. */
  getProduct(id: number): Promise<Product | undefined> {
    return this.read('getProduct', () => this.statements.product.get(id) as Product | undefined);
  }

  /** Several products in one query, in the order of `ids` (`undefined` for unknown ids). */
  getProducts(ids: readonly number[]): Promise<Array<Product | undefined>> {
    return this.read('getProducts', () => {
      const rows = this.db
        .prepare(`SELECT id, name, price, category FROM products WHERE id IN (${ids.map(() => '?').join(',') || 'NULL'})`)
        .all(...ids) as Product[];
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id));
    });
  }

  /** The number of products in the catalog (not counted as load: it is bookkeeping). */
  productCount(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM products').get() as { n: number }).n;
  }

  /** One user, or `undefined`. */
  getUser(id: number): Promise<User | undefined> {
    return this.read('getUser', () => this.statements.user.get(id) as User | undefined);
  }

  /** A user's orders, by order id (empty when the user has none). */
  getUserOrders(userId: number): Promise<Order[]> {
    return this.read('getUserOrders', () => this.statements.orders.all(userId) as Order[]);
  }

  /** Changes a user's fields; resolves to the updated user, or `undefined` if there is none. */
  updateUser(id: number, patch: UserPatch): Promise<User | undefined> {
    return this.write('updateUser', () => {
      const current = this.statements.user.get(id) as User | undefined;
      if (!current) return { result: undefined, rows: 0 };
      const next: User = { ...current, ...patch, id };
      this.statements.updateUser.run(next.name, next.email, next.tier, id);
      return { result: next, rows: 1 };
    });
  }

  /** Sets a product's price; resolves to false when no product has that id. */
  updateProductPrice(id: number, price: number): Promise<boolean> {
    if (typeof price !== 'number' || !Number.isFinite(price) || price < 0) {
      return Promise.reject(new RangeError(`price must be a non-negative finite number, got ${price}`));
    }
    return this.write('updateProductPrice', () => {
      const rows = this.statements.updatePrice.run(price, id).changes;
      return { result: rows > 0, rows };
    });
  }

  /** One session, or `undefined`. */
  getSession(id: string): Promise<Session | undefined> {
    return this.read('getSession', () => {
      const row = this.statements.session.get(id) as { id: string; userId: number; data: string; updatedAt: number } | undefined;
      return row && { ...row, data: JSON.parse(row.data) as Record<string, unknown> };
    });
  }

  /** Inserts or replaces a session. */
  saveSession(session: Session): Promise<void> {
    return this.write('saveSession', () => {
      this.statements.saveSession.run(session.id, session.userId, JSON.stringify(session.data), session.updatedAt);
      return { result: undefined, rows: 1 };
    });
  }

  /** Deletes a session; resolves to whether it existed. */
  deleteSession(id: string): Promise<boolean> {
    return this.write('deleteSession', () => {
      const rows = this.statements.deleteSession.run(id).changes;
      return { result: rows > 0, rows };
    });
  }

  /** A product's analytics counters (zeros when none were recorded). */
  getProductStats(productId: number): Promise<ProductStats> {
    return this.read('getProductStats', () => {
      const row = this.statements.productStats.get(productId) as ProductStats | undefined;
      return row ?? { productId, views: 0, addToCarts: 0, purchases: 0 };
    });
  }

  /**
   * Writes many products' counters (absolute values) in one transaction: all rows or none, so
   * a retried batch never double-counts.
   */
  saveProductStats(batch: readonly ProductStats[]): Promise<void> {
    return this.write('saveProductStats', () => {
      const run = this.db.transaction((rows: readonly ProductStats[]) => {
        for (const s of rows) this.statements.saveStats.run(s.productId, s.views, s.addToCarts, s.purchases);
      });
      run(batch);
      return { result: undefined, rows: batch.length };
    });
  }

  /** Closes the SQLite handle. */
  close(): void {
    if (this.db.open) this.db.close();
  }

  private async read<T>(query: QueryName, run: () => T): Promise<T> {
    await this.delay(latencyOf(this.latency, query));
    try {
      this.faults.check('read', query);
    } catch (error) {
      this.counters.failedReads++;
      throw error;
    }
    const result = run();
    this.counters.reads++;
    this.counters.byQuery[query] = (this.counters.byQuery[query] ?? 0) + 1;
    return result;
  }

  private async write<T>(query: QueryName, run: () => { result: T; rows: number }): Promise<T> {
    await this.delay(latencyOf(this.latency, query));
    try {
      this.faults.check('write', query);
    } catch (error) {
      this.counters.failedWrites++;
      throw error;
    }
    const { result, rows } = run();
    this.counters.writes++;
    this.counters.rowsWritten += rows;
    this.counters.byQuery[query] = (this.counters.byQuery[query] ?? 0) + 1;
    return result;
  }

  private prepare() {
    const db = this.db;
    return {
      product: db.prepare('SELECT id, name, price, category FROM products WHERE id = ?'),
      user: db.prepare('SELECT id, name, email, tier FROM users WHERE id = ?'),
      orders: db.prepare(
        'SELECT id, user_id AS userId, product_id AS productId, quantity, total FROM orders WHERE user_id = ? ORDER BY id',
      ),
      updateUser: db.prepare('UPDATE users SET name = ?, email = ?, tier = ? WHERE id = ?'),
      updatePrice: db.prepare('UPDATE products SET price = ? WHERE id = ?'),
      session: db.prepare('SELECT id, user_id AS userId, data, updated_at AS updatedAt FROM sessions WHERE id = ?'),
      saveSession: db.prepare('INSERT OR REPLACE INTO sessions (id, user_id, data, updated_at) VALUES (?, ?, ?, ?)'),
      deleteSession: db.prepare('DELETE FROM sessions WHERE id = ?'),
      productStats: db.prepare(
        'SELECT product_id AS productId, views, add_to_carts AS addToCarts, purchases FROM product_stats WHERE product_id = ?',
      ),
      saveStats: db.prepare(
        'INSERT OR REPLACE INTO product_stats (product_id, views, add_to_carts, purchases) VALUES (?, ?, ?, ?)',
      ),
    };
  }

  private seed(catalogSize: number, userCount: number, seed: number): void {
    const products = generateProducts(catalogSize, seed);
    const users = generateUsers(userCount);
    const orders = generateOrders(users, products, seed + 1);
    const insertProduct = this.db.prepare('INSERT INTO products (id, name, price, category) VALUES (@id, @name, @price, @category)');
    const insertUser = this.db.prepare('INSERT INTO users (id, name, email, tier) VALUES (@id, @name, @email, @tier)');
    const insertOrder = this.db.prepare(
      'INSERT INTO orders (id, user_id, product_id, quantity, total) VALUES (@id, @userId, @productId, @quantity, @total)',
    );
    this.db.transaction(() => {
      for (const p of products) insertProduct.run(p);
      for (const u of users) insertUser.run(u);
      for (const o of orders) insertOrder.run(o);
    })();
  }
}

function emptyCounters(): DatabaseCounters {
  return { reads: 0, writes: 0, rowsWritten: 0, failedReads: 0, failedWrites: 0, byQuery: {} };
}
