/** Gives `obj[key]` the value `make` gives, made when first read (or replaced when first written). */
export function readLater<T extends object, K extends keyof T>(obj: T, key: K, make: () => T[K]): T {
  const settle = (value: T[K]): T[K] => {
    Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
    return value;
  };
  Object.defineProperty(obj, key, { enumerable: true, configurable: true, get: () => settle(make()), set: (value: T[K]) => void settle(value) });
  return obj;
}
