/**
 * Turns Chevrotain's concrete syntax tree into the typed AST of ast.ts, checking what the grammar alone
 * can't: function names and arities, MOSTLY's range, FRESHNESS windows, regex syntax, literal kinds.
 */
import type { CstElement, CstNode, IToken } from 'chevrotain';
import type {
  ArithmeticOp,
  ColumnRef,
  ComparisonOp,
  DurationUnit,
  Expr,
  FunctionName,
  Literal,
  RuleAst,
  RuleBody,
  Span,
} from './ast';
import { FUNCTION_NAMES } from './ast';
import { closeMatches, errorAt, type DslError } from './errors';
import { checkRe2Syntax } from '../regex/syntax';
import * as T from './tokens';

/** Thrown inside the conversion to stop at the first problem; caught by the parser driver. */
export class ConversionError extends Error {
  constructor(readonly error: DslError) {
    super(error.message);
  }
}

function fail(span: Span | undefined, message: string): never {
  throw new ConversionError(errorAt(span, message));
}

export function tokenSpan(token: IToken): Span {
  return {
    line: token.startLine ?? 1,
    column: token.startColumn ?? 1,
    offset: token.startOffset,
    length: (token.endOffset ?? token.startOffset) - token.startOffset + 1,
  };
}

function nodeSpan(node: CstNode): Span {
  const loc = node.location;
  if (!loc || Number.isNaN(loc.startOffset)) return { line: 1, column: 1, offset: 0, length: 1 };
  return {
    line: loc.startLine ?? 1,
    column: loc.startColumn ?? 1,
    offset: loc.startOffset,
    length: (loc.endOffset ?? loc.startOffset) - loc.startOffset + 1,
  };
}

/** The span covering `a` through `b` (both from the same line-aware source). */
export function joinSpans(a: Span | undefined, b: Span | undefined): Span | undefined {
  if (!a || !b) return a ?? b;
  return { line: a.line, column: a.column, offset: a.offset, length: b.offset + b.length - a.offset };
}

function isToken(el: CstElement): el is IToken {
  return (el as IToken).tokenType !== undefined;
}

function tokens(node: CstNode, key: string): IToken[] {
  return (node.children[key] ?? []).filter(isToken);
}

function nodes(node: CstNode, key: string): CstNode[] {
  return (node.children[key] ?? []).filter((el): el is CstNode => !isToken(el));
}

function token(node: CstNode, key: string): IToken | undefined {
  return tokens(node, key)[0];
}

function child(node: CstNode, key: string): CstNode {
  const found = nodes(node, key)[0];
  if (!found) throw new Error(`internal: missing ${key} in ${node.name}`);
  return found;
}

/** Text of a single-quoted string token, undoubling quotes. */
export function unquoteString(image: string): string {
  return image.slice(1, -1).replace(/''/g, "'");
}

function unquoteIdentifier(tok: IToken): string {
  if (tok.tokenType === T.Identifier) return tok.image;
  const name = tok.image.slice(1, -1).replace(/""/g, '"');
  if (name.length === 0) fail(tokenSpan(tok), 'A quoted name cannot be empty');
  return name;
}

/** The source offset of character `index` of a string literal's value (for pointing into patterns). */
function valueIndexToImageIndex(image: string, index: number): number {
  let v = 0;
  let i = 1;
  while (i < image.length - 1 && v < index) {
    i += image[i] === "'" ? 2 : 1;
    v++;
  }
  return i;
}

function checkPattern(tok: IToken): string {
  const pattern = unquoteString(tok.image);
  const problem = checkRe2Syntax(pattern);
  if (problem) {
    const start = valueIndexToImageIndex(tok.image, problem.index);
    const end = valueIndexToImageIndex(tok.image, problem.index + Math.max(1, problem.length));
    const span = tokenSpan(tok);
    fail(
      {
        line: span.line,
        column: span.column + start,
        offset: span.offset + start,
        length: Math.max(1, end - start),
      },
      problem.message,
    );
  }
  return pattern;
}

export function convertColumn(node: CstNode): ColumnRef {
  const tok = token(node, 'Identifier') ?? token(node, 'QuotedIdentifier');
  if (!tok) throw new Error('internal: empty column');
  return { kind: 'column', name: unquoteIdentifier(tok), span: tokenSpan(tok) };
}

function convertLiteral(node: CstNode): Literal {
  const span = nodeSpan(node);
  const num = token(node, 'NumberLiteral');
  if (num) return { kind: 'number', text: (token(node, 'Minus') ? '-' : '') + num.image, span };
  const str = token(node, 'StringLiteral');
  if (str) return { kind: 'string', value: unquoteString(str.image), span };
  if (token(node, 'TRUE')) return { kind: 'boolean', value: true, span };
  if (token(node, 'FALSE')) return { kind: 'boolean', value: false, span };
  return { kind: 'null', span };
}

const FUNCTION_ARITY: Record<FunctionName, [min: number, max: number]> = {
  length: [1, 1],
  lower: [1, 1],
  upper: [1, 1],
  trim: [1, 1],
  abs: [1, 1],
  coalesce: [1, Infinity],
  regexp_like: [2, 2],
  date: [1, 1],
  now: [0, 0],
};

function arityText(fn: FunctionName): string {
  const [min, max] = FUNCTION_ARITY[fn];
  if (max === Infinity) return `at least ${min} argument${min === 1 ? '' : 's'}`;
  if (min === 0) return 'no arguments';
  return `${min} argument${min === 1 ? '' : 's'}`;
}

const COMPARE_OPS: Record<string, ComparisonOp> = {
  Equal: '=',
  NotEqual: '!=',
  Less: '<',
  LessEqual: '<=',
  Greater: '>',
  GreaterEqual: '>=',
};

function binaryChain(node: CstNode, convertOperand: (n: CstNode) => Expr, kind: 'and' | 'or'): Expr {
  const operands = nodes(node, 'operands').map(convertOperand);
  let acc = operands[0];
  for (let i = 1; i < operands.length; i++) {
    acc = { kind, left: acc, right: operands[i], span: joinSpans(acc.span, operands[i].span) };
  }
  return acc;
}

function arithChain(node: CstNode, convertOperand: (n: CstNode) => Expr): Expr {
  const operands = nodes(node, 'operands').map(convertOperand);
  const ops = tokens(node, 'ops');
  let acc = operands[0];
  for (let i = 1; i < operands.length; i++) {
    const op = ops[i - 1].image as ArithmeticOp;
    acc = { kind: 'arith', op, left: acc, right: operands[i], span: joinSpans(acc.span, operands[i].span) };
  }
  return acc;
}

export function convertExpression(node: CstNode): Expr {
  return binaryChain(node, convertAnd, 'or');
}

function convertAnd(node: CstNode): Expr {
  return binaryChain(node, convertNot, 'and');
}

function convertNot(node: CstNode): Expr {
  let expr = convertPredicate(child(node, 'predicate'));
  const nots = tokens(node, 'NOT');
  for (let i = nots.length - 1; i >= 0; i--) {
    expr = { kind: 'not', operand: expr, span: joinSpans(tokenSpan(nots[i]), expr.span) };
  }
  return expr;
}

function convertPredicate(node: CstNode): Expr {
  const left = convertAdditive(child(node, 'left'));
  const span = nodeSpan(node);
  const compareOp = token(node, 'compareOp');
  if (compareOp) {
    const right = convertAdditive(child(node, 'right'));
    return { kind: 'compare', op: COMPARE_OPS[compareOp.tokenType.name], left, right, span };
  }
  if (token(node, 'IS')) {
    return { kind: 'isNull', operand: left, negated: token(node, 'isNot') !== undefined, span };
  }
  const negated = token(node, 'negated') !== undefined;
  if (token(node, 'IN')) {
    return {
      kind: 'in',
      operand: left,
      values: nodes(node, 'inValues').map(convertExpression),
      negated,
      span,
    };
  }
  if (token(node, 'BETWEEN')) {
    const low = convertAdditive(child(node, 'low'));
    const high = convertAdditive(child(node, 'high'));
    return { kind: 'between', operand: left, low, high, negated, span };
  }
  return left;
}

function convertAdditive(node: CstNode): Expr {
  return arithChain(node, convertMultiplicative);
}

function convertMultiplicative(node: CstNode): Expr {
  return arithChain(node, convertUnary);
}

function convertUnary(node: CstNode): Expr {
  const minuses = tokens(node, 'Minus');
  const primaryNode = child(node, 'primary');
  let expr = convertPrimary(primaryNode);
  let remaining = minuses.length;
  // `-5` is the literal -5 (as in rule arguments); `-(5)` and `-x` are negations.
  if (remaining > 0 && expr.kind === 'number' && token(primaryNode, 'NumberLiteral')) {
    expr = {
      kind: 'number',
      text: `-${expr.text}`,
      span: joinSpans(tokenSpan(minuses[remaining - 1]), expr.span),
    };
    remaining--;
  }
  for (let i = remaining - 1; i >= 0; i--) {
    expr = { kind: 'negate', operand: expr, span: joinSpans(tokenSpan(minuses[i]), expr.span) };
  }
  return expr;
}

function convertPrimary(node: CstNode): Expr {
  const span = nodeSpan(node);
  const num = token(node, 'NumberLiteral');
  if (num) return { kind: 'number', text: num.image, span };
  const str = token(node, 'StringLiteral');
  if (str) return { kind: 'string', value: unquoteString(str.image), span };
  if (token(node, 'NULL')) return { kind: 'null', span };
  if (token(node, 'TRUE')) return { kind: 'boolean', value: true, span };
  if (token(node, 'FALSE')) return { kind: 'boolean', value: false, span };
  const inner = nodes(node, 'inner')[0];
  if (inner) return convertExpression(inner);
  const quoted = token(node, 'QuotedIdentifier');
  if (quoted) return { kind: 'column', name: unquoteIdentifier(quoted), span };
  const ident = token(node, 'Identifier');
  if (!ident) throw new Error('internal: empty primary');
  if (!token(node, 'callOpen')) return { kind: 'column', name: ident.image, span };
  return convertCall(ident, nodes(node, 'args'), span);
}

function convertCall(ident: IToken, argNodes: CstNode[], span: Span): Expr {
  const lower = ident.image.toLowerCase();
  const fn = FUNCTION_NAMES.find((f) => f === lower);
  if (!fn) {
    const near = closeMatches(ident.image, FUNCTION_NAMES);
    const hint = near.length
      ? ` — did you mean ${near.join(', ')}?`
      : ` — the functions are ${FUNCTION_NAMES.join(', ')}`;
    fail(tokenSpan(ident), `Unknown function '${ident.image}'${hint}`);
  }
  const [min, max] = FUNCTION_ARITY[fn];
  if (argNodes.length < min || argNodes.length > max) {
    fail(span, `${fn}() takes ${arityText(fn)}, not ${argNodes.length}`);
  }
  const args = argNodes.map(convertExpression);
  if (fn === 'regexp_like') {
    const pattern = args[1];
    const patternToken = findStringToken(argNodes[1]);
    if (pattern.kind !== 'string' || !patternToken) {
      fail(pattern.span, 'The pattern of regexp_like must be a string literal');
    }
    checkPattern(patternToken);
  }
  return { kind: 'call', fn, args, span };
}

/** The string token of an argument that is just a string literal (possibly parenthesised). */
function findStringToken(node: CstNode): IToken | undefined {
  const found: IToken[] = [];
  const walk = (n: CstNode): void => {
    for (const els of Object.values(n.children)) {
      for (const el of els) {
        if (isToken(el)) {
          if (el.tokenType === T.StringLiteral) found.push(el);
        } else walk(el);
      }
    }
  };
  walk(node);
  return found.length === 1 ? found[0] : undefined;
}

const DURATION = /^([0-9]+)([smhdw])$/;
const MOSTLY = /^[0-9]+(\.[0-9]+)?$/;

function convertModifiers(node: CstNode): { where?: Expr; mostly?: string } {
  const out: { where?: Expr; mostly?: string } = {};
  const where = nodes(node, 'where')[0];
  if (where) out.where = convertExpression(where);
  const percent = token(node, 'percent');
  if (percent) {
    const text = percent.image;
    if (!MOSTLY.test(text) || Number(text) > 100) {
      fail(tokenSpan(percent), `MOSTLY takes a percentage from 0 to 100, such as MOSTLY 99.5%, not ${text}%`);
    }
    out.mostly = text;
  }
  return out;
}

function checkBound(lit: Literal, rule: string): void {
  if (lit.kind === 'boolean') fail(lit.span, `${rule} bounds are numbers, strings or null, not ${lit.value}`);
}

function checkRowCountBound(lit: Literal): void {
  if (lit.kind === 'null') return;
  if (lit.kind !== 'number' || !/^[0-9]+$/.test(lit.text)) {
    fail(lit.span, 'ROW_COUNT bounds are whole numbers of rows (0 or more) or null');
  }
}

/** Names each rule form's entry in the grammar. */
export const RULE_ENTRIES = {
  NOT_NULL: 'notNull',
  UNIQUE: 'unique',
  IN_RANGE: 'inRange',
  MATCHES: 'matches',
  ACCEPTED_VALUES: 'acceptedValues',
  FOREIGN_KEY: 'foreignKey',
  ROW_COUNT: 'rowCount',
  FRESHNESS: 'freshness',
  CUSTOM: 'custom',
} as const;
export type RuleName = keyof typeof RULE_ENTRIES;

function convertBody(type: RuleName, node: CstNode): RuleBody {
  switch (type) {
    case 'NOT_NULL':
      return { type, column: convertColumn(child(node, 'column')) };
    case 'UNIQUE':
      return { type, columns: nodes(node, 'column').map(convertColumn) };
    case 'IN_RANGE': {
      const min = convertLiteral(child(node, 'min'));
      const max = convertLiteral(child(node, 'max'));
      checkBound(min, type);
      checkBound(max, type);
      return { type, column: convertColumn(child(node, 'column')), min, max };
    }
    case 'MATCHES': {
      const patternToken = token(node, 'pattern');
      if (!patternToken) throw new Error('internal: missing pattern');
      return { type, column: convertColumn(child(node, 'column')), pattern: checkPattern(patternToken) };
    }
    case 'ACCEPTED_VALUES': {
      const values = nodes(node, 'literal').map(convertLiteral);
      for (const v of values) {
        if (v.kind === 'null')
          fail(v.span, 'null cannot be an accepted value: nulls always pass ACCEPTED_VALUES');
      }
      return { type, column: convertColumn(child(node, 'column')), values };
    }
    case 'FOREIGN_KEY': {
      const dataset = convertColumn(child(node, 'dataset'));
      return {
        type,
        column: convertColumn(child(node, 'column')),
        refDataset: dataset.name,
        refColumn: convertColumn(child(node, 'refColumn')),
        refDatasetSpan: dataset.span,
      };
    }
    case 'ROW_COUNT': {
      const min = convertLiteral(child(node, 'min'));
      const max = convertLiteral(child(node, 'max'));
      checkRowCountBound(min);
      checkRowCountBound(max);
      return { type, min, max };
    }
    case 'FRESHNESS': {
      const windowToken = token(node, 'window');
      if (!windowToken) throw new Error('internal: missing window');
      const text = unquoteString(windowToken.image);
      const m = DURATION.exec(text);
      const amount = m ? Number(m[1]) : 0;
      if (!m || amount <= 0 || amount > 1_000_000) {
        fail(
          tokenSpan(windowToken),
          `A FRESHNESS window is a whole number from 1 to 1000000 and a unit s, m, h, d or w, such as '24h' — not '${text}'`,
        );
      }
      return {
        type,
        column: convertColumn(child(node, 'column')),
        window: { amount, unit: m[2] as DurationUnit, text },
      };
    }
    case 'CUSTOM':
      return { type, predicate: convertExpression(child(node, 'expression')) };
  }
}

/** Builds the AST of one rule from the CST of its arguments and modifiers. */
export function convertRule(type: RuleName, node: CstNode, span: Span): RuleAst {
  const body = convertBody(type, node);
  const mods = convertModifiers(child(node, 'modifiers'));
  const rule: RuleAst = { ...body, span };
  if (mods.where) rule.where = mods.where;
  if (mods.mostly !== undefined) rule.mostly = mods.mostly;
  return rule;
}
