/**
 * The canonical JSON text of a record (the subset of RFC 8785 that records need): object keys
 * sorted by UTF-16 code unit at every depth, no whitespace, numbers as JavaScript writes them.
 * The same logical record therefore always has the same text, hence the same id.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value) || Object.is(value, -0)) throw new Error(`a record cannot hold the number ${String(value)}`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, field]) => field !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
    }
    default:
      throw new Error(`a record cannot hold a ${typeof value}`);
  }
}
