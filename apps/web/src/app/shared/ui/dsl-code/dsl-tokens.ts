/**
 * A small tokenizer for highlighting rule text (DESIGN §4 lexical rules). It mirrors the rule engine's
 * token patterns but needs none of its code, so lists and run pages can show highlighted rules without
 * loading the engine (~130 KB). It never fails: every character lands in exactly one token.
 */

export type DslTokenKind =
  | 'space'
  | 'comment'
  | 'string'
  | 'quoted'
  | 'number'
  | 'keyword'
  | 'rule'
  | 'function'
  | 'identifier'
  | 'operator'
  | 'punct'
  | 'unknown';

export interface DslToken {
  kind: DslTokenKind;
  text: string;
  /** Offset of the first character in the whole text. */
  start: number;
}

export const DSL_KEYWORDS = [
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
export const DSL_RULE_NAMES = [
  'NOT_NULL',
  'UNIQUE',
  'IN_RANGE',
  'MATCHES',
  'ACCEPTED_VALUES',
  'FOREIGN_KEY',
  'ROW_COUNT',
  'FRESHNESS',
  'CUSTOM',
] as const;
export const DSL_FUNCTIONS = [
  'length',
  'lower',
  'upper',
  'trim',
  'abs',
  'coalesce',
  'regexp_like',
  'date',
  'now',
] as const;

const KEYWORDS = new Set<string>(DSL_KEYWORDS);
const RULE_NAMES = new Set<string>(DSL_RULE_NAMES);
const FUNCTIONS = new Set<string>(DSL_FUNCTIONS.map((f) => f.toUpperCase()));

// Order matters: the first pattern that matches at a position wins (as in the engine's lexer).
const PATTERNS: [DslTokenKind, RegExp][] = [
  ['space', /[ \t\n\r\f\v]+/y],
  ['comment', /--[^\n\r]*/y],
  ['string', /'(?:[^'\n\r]|'')*'?/y],
  ['quoted', /"(?:[^"\n\r]|"")*"?/y],
  ['number', /(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/y],
  ['identifier', /[A-Za-z_][A-Za-z0-9_]*/y],
  ['operator', /!=|<>|<=|>=|[<>=+\-*/%]/y],
  ['punct', /[()[\],]/y],
];

/** Splits rule text into tokens; keywords, rule names and function calls are told apart from names. */
export function tokenizeDsl(text: string): DslToken[] {
  const tokens: DslToken[] = [];
  let pos = 0;
  while (pos < text.length) {
    let matched: DslToken | null = null;
    for (const [kind, pattern] of PATTERNS) {
      pattern.lastIndex = pos;
      const m = pattern.exec(text);
      if (m && m[0].length > 0) {
        matched = { kind, text: m[0], start: pos };
        break;
      }
    }
    if (!matched) {
      const ch = String.fromCodePoint(text.codePointAt(pos) ?? 0);
      matched = { kind: 'unknown', text: ch, start: pos };
    }
    tokens.push(matched);
    pos += matched.text.length;
  }
  return classifyWords(tokens);
}

/** A word followed by "(" is a rule or function name; otherwise keywords stay keywords, the rest are names. */
function classifyWords(tokens: DslToken[]): DslToken[] {
  return tokens.map((token, i) => {
    if (token.kind !== 'identifier') return token;
    const upper = token.text.toUpperCase();
    if (KEYWORDS.has(upper)) return { ...token, kind: 'keyword' };
    const next = tokens.slice(i + 1).find((t) => t.kind !== 'space' && t.kind !== 'comment');
    if (next?.text === '(') {
      if (RULE_NAMES.has(upper)) return { ...token, kind: 'rule' };
      if (FUNCTIONS.has(upper)) return { ...token, kind: 'function' };
    }
    return token;
  });
}

/** The name a quoted identifier stands for (`"order id"` → `order id`, `""` → `"`). */
export function unquoteIdentifier(text: string): string {
  const body = text.endsWith('"') && text.length > 1 ? text.slice(1, -1) : text.slice(1);
  return body.replace(/""/g, '"');
}

/**
 * The dataset columns whose values a rule checks — the names in the rule before `WHERE`, `MOSTLY` or
 * `REFERENCES` (those name the scope, the threshold and the other dataset). Used to highlight the
 * failing values of evidence rows; only names in `columns` are returned, in rule order, once each.
 */
export function checkedColumns(dsl: string, columns: readonly string[]): string[] {
  const known = new Set(columns);
  const found: string[] = [];
  for (const token of tokenizeDsl(dsl)) {
    if (token.kind === 'keyword' && ['WHERE', 'MOSTLY', 'REFERENCES'].includes(token.text.toUpperCase())) {
      break;
    }
    const name =
      token.kind === 'identifier'
        ? token.text
        : token.kind === 'quoted'
          ? unquoteIdentifier(token.text)
          : null;
    if (name !== null && known.has(name) && !found.includes(name)) found.push(name);
  }
  return found;
}
