/** Words that must be double-quoted to be used as a column or dataset name (DESIGN §4, lexical rules). */
export const RESERVED_WORDS = [
  'AND',
  'OR',
  'NOT',
  'NULL',
  'IS',
  'IN',
  'BETWEEN',
  'WHERE',
  'MOSTLY',
  'REFERENCES',
  'TRUE',
  'FALSE',
] as const;

const RESERVED = new Set<string>(RESERVED_WORDS);
const PLAIN_WORD = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function isReservedWord(word: string): boolean {
  return RESERVED.has(word.toUpperCase());
}

/** Prints a column or dataset name, double-quoted only when it isn't a plain, unreserved word. */
export function formatIdentifier(name: string): string {
  if (PLAIN_WORD.test(name) && !isReservedWord(name)) return name;
  return `"${name.replace(/"/g, '""')}"`;
}

/** Prints a string literal with single quotes, doubling any quote inside. */
export function formatString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
