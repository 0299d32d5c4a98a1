/**
 * The time to live, in ms, of an entry written without one: one minute. Every cache and
 * pattern of the library that writes to a shared cache defaults to it, so an entry nobody gave
 * a TTL to expires the same way everywhere (a bounded staleness rather than forever).
 */
export const DEFAULT_TTL_MS = 60_000;
