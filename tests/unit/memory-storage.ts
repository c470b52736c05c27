// Unit-test helper: the Web Storage interface over a Map, as the browser's local storage behaves (including running
// out of room), for the state layer's stores tested in Node.
/** The Web Storage interface over a Map, refusing writes past `quota` characters as browsers do. */
export class MemoryStorage implements Storage {
  private readonly map = new Map<string, string>();
  constructor(private readonly quota = Infinity) {}
  get length(): number { return this.map.size; }
  clear(): void { this.map.clear(); }
  getItem(key: string): string | null { return this.map.get(key) ?? null; }
  key(index: number): string | null { return [...this.map.keys()][index] ?? null; }
  removeItem(key: string): void { this.map.delete(key); }
  setItem(key: string, value: string): void {
    const used = [...this.map].reduce((n, [k, v]) => n + (k === key ? 0 : v.length), 0);
    if (used + value.length > this.quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.map.set(key, value);
  }
}

