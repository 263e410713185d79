/** Anything whose derived data goes stale when it changes: `version` moves on with every change. */
export interface Versioned {
  readonly version: number;
}

const stores = new WeakMap<Versioned, { version: number; values: Map<string, unknown> }>();

/**
 * Data derived from an index (inverted lists, memoised answers), made on first use and
 * thrown away as soon as the index changes, so no answer outlives the sources it came from.
 */
/** Whether `derived(index, name, …)` has been made for the index as it is now. */
export function isDerived(index: Versioned, name: string): boolean {
  const store = stores.get(index);
  return !!store && store.version === index.version && store.values.has(name);
}

/** What `derived(index, name, …)` made for the index as it is now, if it has been made. */
export function peekDerived<T>(index: Versioned, name: string): T | undefined {
  const store = stores.get(index);
  return store && store.version === index.version ? (store.values.get(name) as T | undefined) : undefined;
}

export function derived<T>(index: Versioned, name: string, make: () => T): T {
  let store = stores.get(index);
  if (!store || store.version !== index.version) stores.set(index, (store = { version: index.version, values: new Map() }));
  if (!store.values.has(name)) store.values.set(name, make());
  return store.values.get(name) as T;
}
