import { CacheError } from './persist';

/*
 * Objects of a few shapes (what the extractors make: figures, dates) as flat rows. A shape
 * is an object's leaf paths in key order, stored once per table; an object is its shape's
 * number followed by its leaf values. A warm start parses one row per sentence instead of
 * four or five small objects per figure, and keeps the rows until a sentence is read; the
 * object made again has the same keys in the same order.
 */

type Path = string[];

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0;
}

/** Writes objects as rows, gathering their shapes. */
export class ShapeWriter {
  readonly shapes: Path[][] = [];
  private numbers = new Map<string, number>();

  /** Appends `o` to `row`: its shape's number, then its leaf values. */
  write(o: object, row: unknown[]): void {
    const at = row.push(0) - 1;
    // The shape is first known by a key string: this runs for every date and figure packed,
    // and only a shape not seen before is made into paths.
    const key = leaves(o as Record<string, unknown>, '', row);
    let n = this.numbers.get(key);
    if (n === undefined) this.numbers.set(key, (n = this.shapes.push(pathsOf(key)) - 1));
    row[at] = n;
  }
}

/** Separators in a shape's key: between a path's keys, and after each path. */
const KEY_STEP = '\u0000';
const PATH_END = '\u0001';

/** Appends the leaf values in key order (an undefined value is left out, as JSON would) and gives the shape's key. */
function leaves(o: Record<string, unknown>, prefix: string, values: unknown[]): string {
  let shape = '';
  for (const key of Object.keys(o)) {
    const v = o[key];
    if (v === undefined) continue;
    const path = prefix + key;
    if (isRecord(v)) shape += leaves(v, path + KEY_STEP, values);
    else {
      shape += path + PATH_END;
      values.push(v);
    }
  }
  return shape;
}

function pathsOf(key: string): Path[] {
  return key
    .split(PATH_END)
    .slice(0, -1)
    .map((p) => p.split(KEY_STEP));
}

/** Keys that would reach past the object being made. (A key with a dot would read as a path.) */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** What a reader asks of the stored objects: paths each must have, and what a value at a path must be. */
export interface ShapeRules {
  required: string[];
  valid: Record<string, (v: unknown) => boolean>;
}

/** Reads rows back into objects; made from a stored shape table, which it checks. */
export class ShapeReader {
  private readonly shapes: Path[][];
  /** Per shape, the cells to check and how. */
  private readonly checks: [cell: number, valid: (v: unknown) => boolean][][];

  constructor(shapes: unknown, what: string, rules: ShapeRules) {
    const isPath = (p: unknown) => Array.isArray(p) && p.length > 0 && p.every((k) => typeof k === 'string' && !k.includes('.') && !UNSAFE_KEYS.has(k));
    if (!Array.isArray(shapes) || !shapes.every((s) => Array.isArray(s) && s.every(isPath))) throw new CacheError(`cache entry has malformed ${what} shapes`);
    this.shapes = shapes;
    this.checks = shapes.map((shape: Path[]) => checksOf(shape, what, rules));
  }

  /** True when `row` is whole rows of known shapes whose values pass the rules. */
  validRow(row: unknown): boolean {
    if (!Array.isArray(row) || !row.length) return false;
    for (let i = 0; i < row.length; ) {
      const n = row[i];
      const shape = typeof n === 'number' ? this.shapes[n] : undefined;
      if (!shape || i + 1 + shape.length > row.length) return false;
      for (const [cell, valid] of this.checks[n as number]) if (!valid(row[i + 1 + cell])) return false;
      i += 1 + shape.length;
    }
    return true;
  }

  /** How many objects a row that `validRow` accepted holds. */
  count(row: unknown[]): number {
    let n = 0;
    for (let i = 0; i < row.length; n++) i += 1 + this.shapes[row[i] as number].length;
    return n;
  }

  /** The objects of a row that `validRow` accepted. */
  read<T>(row: unknown[]): T[] {
    const out: T[] = [];
    for (let i = 0; i < row.length; ) {
      const shape = this.shapes[row[i] as number];
      const o: Record<string, unknown> = {};
      for (let j = 0; j < shape.length; j++) place(o, shape[j], row[i + 1 + j]);
      out.push(o as T);
      i += 1 + shape.length;
    }
    return out;
  }
}

/**
 * The cells of a shape to check, and how; worked out once per shape and rules, since a warm
 * start reads tens of thousands of entries that share a handful of shapes.
 */
function checksOf(shape: Path[], what: string, rules: ShapeRules): [cell: number, valid: (v: unknown) => boolean][] {
  const dotted = shape.map((p) => p.join('.'));
  let byShape = compiled.get(rules);
  if (!byShape) compiled.set(rules, (byShape = new Map()));
  const key = dotted.join('\n');
  const known = byShape.get(key);
  if (known) return known;
  const missing = rules.required.find((r) => !dotted.includes(r));
  if (missing) throw new CacheError(`cache entry has ${what} without ${missing}`);
  const checks = dotted.flatMap((d, cell) => (Object.hasOwn(rules.valid, d) ? [[cell, rules.valid[d]] as [number, (v: unknown) => boolean]] : []));
  if (byShape.size < 1000) byShape.set(key, checks);
  return checks;
}

const compiled = new WeakMap<ShapeRules, Map<string, [number, (v: unknown) => boolean][]>>();

function place(o: Record<string, unknown>, path: Path, value: unknown): void {
  let at = o;
  for (let k = 0; k < path.length - 1; k++) at = (at[path[k]] ??= {}) as Record<string, unknown>;
  at[path[path.length - 1]] = value;
}
