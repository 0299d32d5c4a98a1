import { Product, User } from './model';

/** The guide's five sample products (ids 1–5). */
export const SAMPLE_PRODUCTS: readonly Product[] = Object.freeze([
  { id: 1, name: 'iPhone 14', price: 999, category: 'phones' },
  { id: 2, name: 'MacBook Pro', price: 2399, category: 'laptops' },
  { id: 3, name: 'AirPods', price: 249, category: 'accessories' },
  { id: 4, name: 'iPad Pro', price: 1099, category: 'tablets' },
  { id: 5, name: 'Apple Watch', price: 399, category: 'watches' },
]);

/** The guide's three sample users (ids 101–103). */
export const SAMPLE_USERS: readonly User[] = Object.freeze([
  { id: 101, name: 'John Doe', email: 'john@example.com', tier: 'premium' },
  { id: 102, name: 'Jane Smith', email: 'jane@example.com', tier: 'basic' },
  { id: 103, name: 'Bob Wilson', email: 'bob@example.com', tier: 'premium' },
]);
