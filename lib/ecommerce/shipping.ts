/** The guide's shipping speeds and their price multipliers. */
export const SHIPPING_MULTIPLIERS = Object.freeze({ standard: 1.0, express: 2.0, overnight: 3.5 });

/** A shipping speed. */
export type ShippingType = keyof typeof SHIPPING_MULTIPLIERS;

/**
 * The guide's shipping cost: `weight · 0.5 + distance · 0.01 · multiplier`, rounded to cents.
 * Pure and cheap; the service memoises a deliberately slow version of it.
 */
export function shippingCost(weightKg: number, distanceKm: number, type: ShippingType): number {
  assertNonNegativeNumber('weightKg', weightKg);
  assertNonNegativeNumber('distanceKm', distanceKm);
  const multiplier = SHIPPING_MULTIPLIERS[type];
  if (!Object.prototype.hasOwnProperty.call(SHIPPING_MULTIPLIERS, type)) {
    throw new RangeError(`type must be one of ${Object.keys(SHIPPING_MULTIPLIERS).join(', ')}, got ${JSON.stringify(type)}`);
  }
  return Math.round((weightKg * 0.5 + distanceKm * 0.01 * multiplier) * 100) / 100;
}

function assertNonNegativeNumber(name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative finite number, got ${String(value)}`);
  }
}
