/**
 * Entry points of the DSL: `parseRule` (exactly one rule) and `parseRuleSet` (one rule per line, every
 * line's errors reported). Neither throws: every failure comes back as a positioned `DslError`.
 */
import type { ILexingError, IRecognitionException, IToken } from 'chevrotain';
import type { Expr, RuleAst } from './ast';
import { ConversionError, convertRule, RULE_ENTRIES, tokenSpan, type RuleName } from './cst-to-ast';
import { closeMatches, errorAt, type DslError, type Pos } from './errors';
import { grammar } from './grammar';
import * as T from './tokens';

export type ParseRuleResult = { ok: true; ast: RuleAst } | { ok: false; errors: DslError[] };

export interface ParsedRuleSet {
  rules: { ast: RuleAst; line: number; text: string }[];
  errors: DslError[];
}

/** Deeper nesting than this is refused before the recursive-descent parser can exhaust the stack. */
export const MAX_NESTING = 64;
/** Expression trees deeper than this (long AND/OR chains count) are refused, for the same reason. */
export const MAX_EXPRESSION_DEPTH = 256;
/** Longer rules are refused before parsing (a 100 KB expression would take a second to parse). */
export const MAX_TOKENS = 20_000;
/** Lexer errors reported per rule; the rest would only repeat the first. */
const MAX_LEXER_ERRORS = 5;

const RULE_NAMES = Object.keys(RULE_ENTRIES) as RuleName[];

const LOOKALIKES: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u2032': "'",
  '\u00b4': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u2033': '"',
  '\u2212': '-',
  '\u2013': '-',
  '\u2014': '-',
};

function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A message for a character the lexer can't read, naming look-alikes of the characters the DSL uses. */
function unexpectedCharacterMessage(text: string, offset: number): string {
  const cp = text.codePointAt(offset) ?? 0;
  const ch = String.fromCodePoint(cp);
  const label = codePointLabel(cp);
  if (cp < 0x20 || cp === 0x7f) return `Unexpected control character ${label}`;
  if (/\s/u.test(ch)) return `Unexpected white space character ${label}: use a plain space`;
  const ascii = LOOKALIKES[ch] ?? ch.normalize('NFKC');
  if (ascii !== ch && /^[\x20-\x7e]+$/.test(ascii)) {
    return `Unexpected character '${ch}' (${label}) — did you mean ${ascii === "'" ? '"\'"' : `'${ascii}'`}? Outside strings and quoted names, rules are plain ASCII`;
  }
  if (cp > 0x7e) return `Unexpected character '${ch}' (${label}): quote names that contain it, e.g. "${ch}"`;
  return `Unexpected character '${ch}'`;
}

/** Shifts tokens lexed from one line of a rule set to where that line sits in the whole text. */
function relocate(tokens: IToken[], lineNumber: number, baseOffset: number): void {
  for (const tok of tokens) {
    tok.startOffset += baseOffset;
    if (tok.endOffset !== undefined) tok.endOffset += baseOffset;
    if (tok.startLine !== undefined) tok.startLine += lineNumber - 1;
    if (tok.endLine !== undefined) tok.endLine += lineNumber - 1;
  }
}

function lexErrors(text: string, errors: ILexingError[], lineNumber: number): DslError[] {
  return errors.slice(0, MAX_LEXER_ERRORS).map((e) => ({
    line: (e.line ?? 1) + lineNumber - 1,
    column: e.column ?? 1,
    length: Math.max(1, e.length),
    message: unexpectedCharacterMessage(text, e.offset),
  }));
}

/** Index of the first C0 control character other than tab (or DEL), or -1. */
function controlCharacterIndex(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return i;
  }
  return -1;
}

/** Unterminated quotes and control characters inside strings and names. */
function tokenErrors(tokens: IToken[]): DslError[] {
  const out: DslError[] = [];
  for (const tok of tokens) {
    const span = tokenSpan(tok);
    if (tok.tokenType === T.UnterminatedString) {
      out.push(errorAt(span, "Unterminated string: add the closing ' (strings end on the same line)"));
    } else if (tok.tokenType === T.UnterminatedQuotedIdentifier) {
      out.push(errorAt(span, 'Unterminated quoted name: add the closing " (names end on the same line)'));
    } else if (tok.tokenType === T.StringLiteral || tok.tokenType === T.QuotedIdentifier) {
      const bad = controlCharacterIndex(tok.image);
      if (bad >= 0) {
        out.push(
          errorAt(
            { ...span, column: span.column + bad, offset: span.offset + bad, length: 1 },
            `Control character ${codePointLabel(tok.image.charCodeAt(bad))} is not allowed in ${
              tok.tokenType === T.StringLiteral ? 'a string' : 'a quoted name'
            }`,
          ),
        );
      }
    }
    if (out.length >= MAX_LEXER_ERRORS) break;
  }
  return out;
}

function nestingError(tokens: IToken[]): DslError | undefined {
  let depth = 0;
  for (const tok of tokens) {
    if (tok.tokenType === T.LParen || tok.tokenType === T.LBracket) {
      if (++depth > MAX_NESTING) {
        return errorAt(tokenSpan(tok), `Too deeply nested: at most ${MAX_NESTING} levels of parentheses`);
      }
    } else if (tok.tokenType === T.RParen || tok.tokenType === T.RBracket) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/** Depth of an expression tree, computed without recursion. */
function exprDepthExceeds(root: Expr | undefined, limit: number): Expr | undefined {
  if (!root) return undefined;
  const stack: Array<[Expr, number]> = [[root, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop() as [Expr, number];
    if (depth > limit) return node;
    for (const c of exprChildren(node)) stack.push([c, depth + 1]);
  }
  return undefined;
}

export function exprChildren(e: Expr): Expr[] {
  switch (e.kind) {
    case 'compare':
    case 'arith':
    case 'and':
    case 'or':
      return [e.left, e.right];
    case 'negate':
    case 'not':
    case 'isNull':
      return [e.operand];
    case 'in':
      return [e.operand, ...e.values];
    case 'between':
      return [e.operand, e.low, e.high];
    case 'call':
      return e.args;
    default:
      return [];
  }
}

/** Where an error at the end of input points: just after the last token. */
function endPos(tokens: IToken[], fallback: Pos): Pos {
  const last = tokens[tokens.length - 1];
  if (!last) return fallback;
  const span = tokenSpan(last);
  return { line: span.line, column: span.column + span.length, offset: span.offset + span.length, length: 1 };
}

function recognitionError(e: IRecognitionException, tokens: IToken[], fallback: Pos): DslError {
  const tok = e.token;
  const atEnd = !tok || tok.tokenType.name === 'EOF' || Number.isNaN(tok.startOffset);
  const pos = atEnd ? endPos(tokens, fallback) : tokenSpan(tok);
  return errorAt(pos, e.message);
}

function ruleNameError(first: IToken): DslError {
  const span = tokenSpan(first);
  if (first.tokenType !== T.Identifier) {
    return errorAt(span, `Expected a rule name such as NOT_NULL but found '${first.image.slice(0, 24)}'`);
  }
  const near = closeMatches(first.image, RULE_NAMES, 2);
  const hint = near.length
    ? ` — did you mean ${near.join(' or ')}?`
    : ` — the rules are ${RULE_NAMES.join(', ')}`;
  return errorAt(span, `Unknown rule '${first.image}'${hint}`);
}

interface Source {
  text: string;
  /** Line of `text` in the whole input (1-based) and its offset, for rule sets. */
  line: number;
  offset: number;
}

type Outcome = { kind: 'empty' } | { kind: 'ok'; ast: RuleAst } | { kind: 'errors'; errors: DslError[] };

function parseOne(src: Source): Outcome {
  // A byte-order mark (text pasted from a file) reads as a space, keeping every position.
  const lexed = T.dslLexer.tokenize(src.text.replace(/^\uFEFF/, ' '));
  const start: Pos = { line: src.line, column: 1, offset: src.offset, length: 1 };
  if (lexed.errors.length) {
    return { kind: 'errors', errors: lexErrors(src.text, lexed.errors, src.line) };
  }
  const tokens = lexed.tokens;
  relocate(tokens, src.line, src.offset);
  const bad = tokenErrors(tokens);
  if (bad.length) return { kind: 'errors', errors: bad };
  if (tokens.length === 0) return { kind: 'empty' };
  const nesting = nestingError(tokens);
  if (nesting) return { kind: 'errors', errors: [nesting] };
  if (tokens.length > MAX_TOKENS) {
    return {
      kind: 'errors',
      errors: [
        errorAt(tokenSpan(tokens[MAX_TOKENS]), `Rule too long: at most ${MAX_TOKENS} words and symbols`),
      ],
    };
  }

  const first = tokens[0];
  const name = first.tokenType === T.Identifier ? first.image.toUpperCase() : '';
  if (!(name in RULE_ENTRIES)) return { kind: 'errors', errors: [ruleNameError(first)] };
  const type = name as RuleName;

  const parser = grammar();
  parser.input = tokens.slice(1);
  const cst = parser[RULE_ENTRIES[type]]();
  if (parser.errors.length) {
    return { kind: 'errors', errors: [recognitionError(parser.errors[0], tokens, start)] };
  }
  try {
    const last = tokenSpan(tokens[tokens.length - 1]);
    const span = { ...tokenSpan(first), length: last.offset + last.length - first.startOffset };
    const ast = convertRule(type, cst, span);
    const tooDeep =
      exprDepthExceeds(ast.where, MAX_EXPRESSION_DEPTH) ??
      (ast.type === 'CUSTOM' ? exprDepthExceeds(ast.predicate, MAX_EXPRESSION_DEPTH) : undefined);
    if (tooDeep) {
      return {
        kind: 'errors',
        errors: [
          errorAt(
            tooDeep.span ?? start,
            `Expression too long or too deeply nested (more than ${MAX_EXPRESSION_DEPTH} levels)`,
          ),
        ],
      };
    }
    return { kind: 'ok', ast };
  } catch (e) {
    if (e instanceof ConversionError) return { kind: 'errors', errors: [e.error] };
    throw e;
  }
}

/** Runs `fn`, turning a stack overflow or an internal failure into a positioned error. */
function guarded(src: Source, fn: () => Outcome): Outcome {
  try {
    return fn();
  } catch (e) {
    const message =
      e instanceof RangeError
        ? 'Rule too complex to parse'
        : `Internal error while parsing: ${(e as Error)?.message ?? String(e)}`;
    return {
      kind: 'errors',
      errors: [errorAt({ line: src.line, column: 1, offset: src.offset, length: 1 }, message)],
    };
  }
}

/**
 * Parses exactly one rule (comments and blank lines around it are allowed; the rule itself may span
 * lines). Never throws.
 */
export function parseRule(text: string): ParseRuleResult {
  if (typeof text !== 'string') return { ok: false, errors: [errorAt(undefined, 'A rule must be text')] };
  const src: Source = { text, line: 1, offset: 0 };
  const outcome = guarded(src, () => parseOne(src));
  if (outcome.kind === 'ok') return { ok: true, ast: outcome.ast };
  if (outcome.kind === 'empty') {
    return { ok: false, errors: [errorAt(undefined, 'Empty rule: write a rule such as NOT_NULL(column)')] };
  }
  return { ok: false, errors: outcome.errors };
}

/** Parses one rule per line (blank and comment-only lines skipped), reporting the errors of every line. */
export function parseRuleSet(text: string): ParsedRuleSet {
  const result: ParsedRuleSet = { rules: [], errors: [] };
  if (typeof text !== 'string') {
    result.errors.push(errorAt(undefined, 'A rule set must be text'));
    return result;
  }
  const lineBreak = /\r\n|\n|\r/g;
  let offset = 0;
  let lineNumber = 1;
  for (;;) {
    const m = lineBreak.exec(text);
    const end = m ? m.index : text.length;
    const lineText = text.slice(offset, end);
    const src: Source = { text: lineText, line: lineNumber, offset };
    const outcome = guarded(src, () => parseOne(src));
    if (outcome.kind === 'ok')
      result.rules.push({ ast: outcome.ast, line: lineNumber, text: lineText.trim() });
    else if (outcome.kind === 'errors') result.errors.push(...outcome.errors);
    if (!m) break;
    offset = m.index + m[0].length;
    lineNumber++;
  }
  return result;
}
