/**
 * The DSL's tokens (DESIGN §4 "Lexical rules"). Keywords are case-insensitive; rule and function names
 * are ordinary identifiers (so `date` or `unique` can name a column) and are recognised by the parser.
 */
import { createToken, Lexer, type TokenType } from 'chevrotain';

export const WhiteSpace = createToken({
  name: 'WhiteSpace',
  pattern: /[ \t\n\r\f\v]+/,
  group: Lexer.SKIPPED,
});
export const Comment = createToken({ name: 'Comment', pattern: /--[^\n\r]*/, group: Lexer.SKIPPED });

export const Identifier = createToken({
  name: 'Identifier',
  pattern: /[A-Za-z_][A-Za-z0-9_]*/,
  label: 'a name',
});
export const QuotedIdentifier = createToken({
  name: 'QuotedIdentifier',
  pattern: /"(?:[^"\n\r]|"")*"/,
  label: 'a quoted name',
});
/** Matched only when the closing quote is missing; the parser driver turns it into a clear error. */
export const UnterminatedQuotedIdentifier = createToken({
  name: 'UnterminatedQuotedIdentifier',
  pattern: /"(?:[^"\n\r]|"")*/,
});
export const StringLiteral = createToken({
  name: 'StringLiteral',
  pattern: /'(?:[^'\n\r]|'')*'/,
  label: 'a string',
});
export const UnterminatedString = createToken({ name: 'UnterminatedString', pattern: /'(?:[^'\n\r]|'')*/ });
export const NumberLiteral = createToken({
  name: 'NumberLiteral',
  pattern: /(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/,
  label: 'a number',
});

function keyword(word: string): TokenType {
  return createToken({
    name: word,
    pattern: new RegExp(word, 'i'),
    longer_alt: Identifier,
    label: word,
  });
}

export const And = keyword('AND');
export const Or = keyword('OR');
export const Not = keyword('NOT');
export const Null = keyword('NULL');
export const Is = keyword('IS');
export const In = keyword('IN');
export const Between = keyword('BETWEEN');
export const Where = keyword('WHERE');
export const Mostly = keyword('MOSTLY');
export const References = keyword('REFERENCES');
export const True = keyword('TRUE');
export const False = keyword('FALSE');

export const LParen = createToken({ name: 'LParen', pattern: '(', label: "'('" });
export const RParen = createToken({ name: 'RParen', pattern: ')', label: "')'" });
export const LBracket = createToken({ name: 'LBracket', pattern: '[', label: "'['" });
export const RBracket = createToken({ name: 'RBracket', pattern: ']', label: "']'" });
export const Comma = createToken({ name: 'Comma', pattern: ',', label: "','" });
export const Percent = createToken({ name: 'Percent', pattern: '%', label: "'%'" });
export const Plus = createToken({ name: 'Plus', pattern: '+', label: "'+'" });
export const Minus = createToken({ name: 'Minus', pattern: '-', label: "'-'" });
export const Star = createToken({ name: 'Star', pattern: '*', label: "'*'" });
export const Slash = createToken({ name: 'Slash', pattern: '/', label: "'/'" });
export const NotEqual = createToken({ name: 'NotEqual', pattern: /!=|<>/, label: "'!='" });
export const LessEqual = createToken({ name: 'LessEqual', pattern: '<=', label: "'<='" });
export const GreaterEqual = createToken({ name: 'GreaterEqual', pattern: '>=', label: "'>='" });
export const Less = createToken({ name: 'Less', pattern: '<', label: "'<'" });
export const Greater = createToken({ name: 'Greater', pattern: '>', label: "'>'" });
export const Equal = createToken({ name: 'Equal', pattern: '=', label: "'='" });

export const KEYWORDS = [And, Or, Not, Null, Is, In, Between, Where, Mostly, References, True, False];

export const ALL_TOKENS: TokenType[] = [
  WhiteSpace,
  Comment,
  StringLiteral,
  UnterminatedString,
  QuotedIdentifier,
  UnterminatedQuotedIdentifier,
  NumberLiteral,
  ...KEYWORDS,
  Identifier,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Comma,
  Percent,
  Plus,
  Minus,
  Star,
  Slash,
  NotEqual,
  LessEqual,
  GreaterEqual,
  Less,
  Greater,
  Equal,
];

export const dslLexer = new Lexer(ALL_TOKENS, {
  positionTracking: 'full',
  ensureOptimizations: false,
  // Errors are rewritten by the parser driver into messages that name the character.
  errorMessageProvider: {
    buildUnexpectedCharactersMessage: () => 'unexpected character',
    buildUnableToPopLexerModeMessage: () => 'unexpected character',
  },
});
