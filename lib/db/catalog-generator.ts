import { assertNonNegativeInteger, assertPositiveInteger } from '../core/validate';
import { Order, Product, User } from './model';
import { SAMPLE_PRODUCTS, SAMPLE_USERS } from './sample-data';
import { Random, randomInt, seededRandom } from '../core/random';

const CATEGORIES = ['phones', 'laptops', 'accessories', 'tablets', 'watches', 'audio', 'cameras', 'gaming'];
const ADJECTIVES = ['Pro', 'Max', 'Mini', 'Lite', 'Ultra', 'Air', 'Plus', 'Neo'];

/**
 * The catalog: the guide's five products, then `count − 5` generated ones (ids 6…count) with
 * seeded names, categories and prices, so a 10,000-product catalog is the same on every run.
 */
export function generateProducts(count: number, seed = 42): Product[] {
  assertPositiveInteger('count', count);
  const random = seededRandom(seed);
  const products = SAMPLE_PRODUCTS.slice(0, count).map((p) => ({ ...p }));
  for (let id = SAMPLE_PRODUCTS.length + 1; id <= count; id++) {
    const category = CATEGORIES[randomInt(random, 0, CATEGORIES.length - 1)];
    const adjective = ADJECTIVES[randomInt(random, 0, ADJECTIVES.length - 1)];
    products.push({ id, name: `${capitalise(category)} ${adjective} ${id}`, price: randomInt(random, 5, 3000), category });
  }
  return products;
}

/** The guide's three users, then generated users with ids 104… up to `count` users in all. */
export function generateUsers(count: number): User[] {
  assertPositiveInteger('count', count);
  const users = SAMPLE_USERS.slice(0, count).map((u) => ({ ...u }));
  for (let i = SAMPLE_USERS.length; i < count; i++) {
    const id = 101 + i;
    users.push({ id, name: `User ${id}`, email: `user${id}@example.com`, tier: i % 3 === 0 ? 'premium' : 'basic' });
  }
  return users;
}

/**
 * 1–5 orders per user, each for a catalog product, quantity 1–3, total = price × quantity.
 * The guide invents new random orders on every call; real rows keep a cached list comparable
 * with the database.
 */
export function generateOrders(users: readonly User[], products: readonly Product[], seed = 7): Order[] {
  assertNonNegativeInteger('products.length', products.length);
  const random: Random = seededRandom(seed);
  const orders: Order[] = [];
  for (const user of users) {
    const count = randomInt(random, 1, 5);
    for (let i = 0; i < count; i++) {
      const product = products[randomInt(random, 0, products.length - 1)];
      const quantity = randomInt(random, 1, 3);
      orders.push({ id: `order_${user.id}_${i}`, userId: user.id, productId: product.id, quantity, total: product.price * quantity });
    }
  }
  return orders;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
