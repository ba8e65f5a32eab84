// A value per unordered pair of people, stored sparsely: the pairing engine's history (the last
// cycle two people met in) and its avoid lists. Memory grows with the pairs recorded (past
// meetings, avoid-list entries), never with the square of the roster. Pure.

/** "Never met": below every cycle number. */
export const NEVER = -0x80000000;

/** Values for the pairs of people 0..n-1 (i !== j, either order); a pair never set reads `empty`. */
export class PairTable {
  private readonly values: Map<number, number>;

  constructor(
    readonly n: number,
    readonly empty: number,
    values?: Map<number, number>,
  ) {
    // Keys i * n + j stay exact integers far beyond any supported roster (n <= 2^26).
    if (!Number.isInteger(n) || n < 0 || n > 2 ** 26) throw new RangeError(`PairTable: ${n} people is out of range`);
    this.values = values ? new Map(values) : new Map();
  }

  private key(i: number, j: number): number {
    return i < j ? i * this.n + j : j * this.n + i;
  }

  get(i: number, j: number): number {
    const v = this.values.get(this.key(i, j));
    return v === undefined ? this.empty : v;
  }

  has(i: number, j: number): boolean {
    return this.values.has(this.key(i, j));
  }

  set(i: number, j: number, value: number): void {
    this.values.set(this.key(i, j), value);
  }

  /** Keeps the larger of the stored value (or `empty`) and `value`. */
  raise(i: number, j: number, value: number): void {
    const k = this.key(i, j);
    const v = this.values.get(k);
    if (v === undefined ? value > this.empty : value > v) this.values.set(k, value);
  }

  /** How many pairs are set. */
  get size(): number {
    return this.values.size;
  }

  /** Every set pair once, as i < j. */
  forEach(visit: (i: number, j: number, value: number) => void): void {
    const { n } = this;
    this.values.forEach((v, k) => visit(Math.floor(k / n), k % n, v));
  }

  /** An independent copy (the look-ahead simulates cycles on one). */
  clone(): PairTable {
    return new PairTable(this.n, this.empty, this.values);
  }
}
