/** Small questions other modules ask about a parsed rule. */
import type { Expr, RuleAst, RuleType } from './ast';
import { exprChildren } from './parse';

/** The rule's type (`NOT_NULL`, `UNIQUE`, …). */
export function ruleTypeOf(ast: RuleAst): RuleType {
  return ast.type;
}

/** ROW_COUNT and FRESHNESS judge the dataset as a whole (failedCount 0 or 1, no samples). */
export function isDatasetLevel(ast: RuleAst): boolean {
  return ast.type === 'ROW_COUNT' || ast.type === 'FRESHNESS';
}

/** Every column name an expression mentions, in order of first appearance. */
export function exprColumns(e: Expr | undefined, out: string[] = []): string[] {
  if (!e) return out;
  const stack: Expr[] = [e];
  while (stack.length) {
    const node = stack.pop() as Expr;
    if (node.kind === 'column') {
      if (!out.includes(node.name)) out.push(node.name);
      continue;
    }
    stack.push(...exprChildren(node).reverse());
  }
  return out;
}

/**
 * The columns of the rule's own dataset that the rule reads (its arguments and WHERE), in order of
 * first appearance, without duplicates. FOREIGN_KEY's referenced column belongs to the other dataset
 * and is not included.
 */
export function referencedColumns(ast: RuleAst): string[] {
  const out: string[] = [];
  const add = (name: string): void => {
    if (!out.includes(name)) out.push(name);
  };
  switch (ast.type) {
    case 'UNIQUE':
      ast.columns.forEach((c) => add(c.name));
      break;
    case 'ROW_COUNT':
      break;
    case 'CUSTOM':
      exprColumns(ast.predicate, out);
      break;
    default:
      add(ast.column.name);
  }
  exprColumns(ast.where, out);
  return out;
}
