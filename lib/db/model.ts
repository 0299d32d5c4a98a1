/** A product in the catalog (the guide's `products` table). */
export interface Product {
  id: number;
  name: string;
  price: number;
  category: string;
}

/** A customer account (the guide's `users` table). */
export interface User {
  id: number;
  name: string;
  email: string;
  tier: 'premium' | 'basic';
}

/** The fields of a user that {@link ShopDatabase.updateUser} may change. */
export type UserPatch = Partial<Omit<User, 'id'>>;

/** One order line of a user (real rows, generated deterministically from a seed). */
export interface Order {
  id: string;
  userId: number;
  productId: number;
  quantity: number;
  total: number;
}

/** A logged-in user's session, kept by write-through so it is never lost on a cache failure. */
export interface Session {
  id: string;
  userId: number;
  /** Free-form session data (cart, preferences); must be JSON. */
  data: Record<string, unknown>;
  updatedAt: number;
}

/** Analytics counters of one product, written in batches by write-behind. */
export interface ProductStats {
  productId: number;
  views: number;
  addToCarts: number;
  purchases: number;
}

/** The kinds of analytics event the service records. */
export type AnalyticsEventType = 'view' | 'add_to_cart' | 'purchase';
