/**
 * The canonical text of a rule: upper-case keywords and rule names, lower-case function names, names
 * quoted only when needed, single spaces. `parseRule(formatRule(ast))` gives back the same AST.
 */
import type { Expr, Literal, RuleAst } from './ast';
import { formatIdentifier, formatString } from './identifiers';

/** Binding strength, loosest first; a child printed inside a tighter parent gets parentheses. */
const enum Level {
  Or = 1,
  And = 2,
  Not = 3,
  Predicate = 4,
  Additive = 5,
  Multiplicative = 6,
  Unary = 7,
  Primary = 8,
}

function levelOf(e: Expr): Level {
  switch (e.kind) {
    case 'or':
      return Level.Or;
    case 'and':
      return Level.And;
    case 'not':
      return Level.Not;
    case 'compare':
    case 'isNull':
    case 'in':
    case 'between':
      return Level.Predicate;
    case 'arith':
      return e.op === '+' || e.op === '-' ? Level.Additive : Level.Multiplicative;
    case 'negate':
      return Level.Unary;
    default:
      return Level.Primary;
  }
}

export function formatLiteral(lit: Literal): string {
  switch (lit.kind) {
    case 'string':
      return formatString(lit.value);
    case 'number':
      return lit.text;
    case 'boolean':
      return lit.value ? 'TRUE' : 'FALSE';
    case 'null':
      return 'NULL';
  }
}

/** Prints `e`, parenthesised unless it binds at least as tightly as `min`. */
function sub(e: Expr, min: Level): string {
  const text = formatExpr(e);
  return levelOf(e) >= min ? text : `(${text})`;
}

/** Prints an expression of the expression language in canonical form. */
export function formatExpr(e: Expr): string {
  switch (e.kind) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
      return formatLiteral(e);
    case 'column':
      return formatIdentifier(e.name);
    case 'or':
      return `${sub(e.left, Level.Or)} OR ${sub(e.right, Level.And)}`;
    case 'and':
      return `${sub(e.left, Level.And)} AND ${sub(e.right, Level.Not)}`;
    case 'not':
      return `NOT ${sub(e.operand, Level.Not)}`;
    case 'compare':
      return `${sub(e.left, Level.Additive)} ${e.op} ${sub(e.right, Level.Additive)}`;
    case 'isNull':
      return `${sub(e.operand, Level.Additive)} IS ${e.negated ? 'NOT ' : ''}NULL`;
    case 'in':
      return `${sub(e.operand, Level.Additive)} ${e.negated ? 'NOT ' : ''}IN (${e.values.map(formatExpr).join(', ')})`;
    case 'between':
      return `${sub(e.operand, Level.Additive)} ${e.negated ? 'NOT ' : ''}BETWEEN ${sub(e.low, Level.Additive)} AND ${sub(
        e.high,
        Level.Additive,
      )}`;
    case 'arith': {
      const level = levelOf(e);
      return `${sub(e.left, level)} ${e.op} ${sub(e.right, level + 1)}`;
    }
    case 'negate': {
      // `-5` would read back as the literal -5, and `--` starts a comment: parenthesise those operands.
      const operand = sub(e.operand, Level.Unary);
      return e.operand.kind === 'number' || operand.startsWith('-') ? `-(${operand})` : `-${operand}`;
    }
    case 'call':
      return `${e.fn}(${e.args.map(formatExpr).join(', ')})`;
  }
}

/** Prints a rule in canonical form. */
export function formatRule(ast: RuleAst): string {
  let body: string;
  switch (ast.type) {
    case 'NOT_NULL':
      body = `NOT_NULL(${formatIdentifier(ast.column.name)})`;
      break;
    case 'UNIQUE':
      body = `UNIQUE(${ast.columns.map((c) => formatIdentifier(c.name)).join(', ')})`;
      break;
    case 'IN_RANGE':
      body = `IN_RANGE(${formatIdentifier(ast.column.name)}, ${formatLiteral(ast.min)}, ${formatLiteral(ast.max)})`;
      break;
    case 'MATCHES':
      body = `MATCHES(${formatIdentifier(ast.column.name)}, ${formatString(ast.pattern)})`;
      break;
    case 'ACCEPTED_VALUES':
      body = `ACCEPTED_VALUES(${formatIdentifier(ast.column.name)}, [${ast.values.map(formatLiteral).join(', ')}])`;
      break;
    case 'FOREIGN_KEY':
      body = `FOREIGN_KEY(${formatIdentifier(ast.column.name)}) REFERENCES ${formatIdentifier(ast.refDataset)}(${formatIdentifier(
        ast.refColumn.name,
      )})`;
      break;
    case 'ROW_COUNT':
      body = `ROW_COUNT(${formatLiteral(ast.min)}, ${formatLiteral(ast.max)})`;
      break;
    case 'FRESHNESS':
      body = `FRESHNESS(${formatIdentifier(ast.column.name)}, ${formatString(ast.window.text)})`;
      break;
    case 'CUSTOM':
      body = `CUSTOM(${formatExpr(ast.predicate)})`;
      break;
  }
  if (ast.where) body += ` WHERE ${formatExpr(ast.where)}`;
  if (ast.mostly !== undefined) body += ` MOSTLY ${ast.mostly}%`;
  return body;
}
