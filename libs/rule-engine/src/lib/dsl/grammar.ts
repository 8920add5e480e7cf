/**
 * The grammar of one rule after its name (the driver in parse.ts reads the name and picks the entry
 * rule). Expressions follow SQL precedence: OR < AND < NOT < comparison/IS/IN/BETWEEN < + - < * / < unary.
 * This file only recognises; cst-to-ast.ts builds the typed AST and checks what grammar can't.
 */
import { CstParser, EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import * as T from './tokens';

function describeToken(token: IToken | undefined): string {
  if (!token || token.tokenType === EOF) return 'the end of the rule';
  const image = token.image.length > 24 ? `${token.image.slice(0, 24)}…` : token.image;
  return `'${image}'`;
}

function labelOf(type: TokenType): string {
  return type === EOF ? 'the end of the rule' : (type.LABEL ?? type.name);
}

function listOf(items: string[]): string {
  const unique = [...new Set(items)];
  if (unique.length <= 1) return unique[0] ?? 'something else';
  return `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
}

export const errorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual }) =>
    `Expected ${labelOf(expected)} but found ${describeToken(actual)}`,
  buildNotAllInputParsedMessage: ({ firstRedundant }) =>
    firstRedundant.tokenType === T.Where
      ? 'WHERE must come before MOSTLY'
      : `Expected the end of the rule but found ${describeToken(firstRedundant)}`,
  buildNoViableAltMessage: ({ expectedPathsPerAlt, actual, customUserDescription }) => {
    const expected =
      customUserDescription ??
      listOf(expectedPathsPerAlt.flatMap((paths) => paths.map((p) => labelOf(p[0]))));
    return `Expected ${expected} but found ${describeToken(actual[0])}`;
  },
  buildEarlyExitMessage: ({ expectedIterationPaths, actual, customUserDescription }) => {
    const expected = customUserDescription ?? listOf(expectedIterationPaths.map((p) => labelOf(p[0])));
    return `Expected ${expected} but found ${describeToken(actual[0])}`;
  },
};

const VALUE = "a value, a column, a function call or '('";
const COMPARISON = [T.Equal, T.NotEqual, T.Less, T.LessEqual, T.Greater, T.GreaterEqual];

export class RuleGrammar extends CstParser {
  constructor() {
    super(T.ALL_TOKENS, {
      nodeLocationTracking: 'full',
      errorMessageProvider: errorMessages,
      maxLookahead: 3,
    });
    this.performSelfAnalysis();
  }

  // ---- the rule forms (each entered after the rule name) ----

  notNull = this.RULE('notNull', () => {
    this.CONSUME(T.LParen);
    this.SUBRULE(this.column);
    this.CONSUME(T.RParen);
    this.SUBRULE(this.modifiers);
  });

  unique = this.RULE('unique', () => {
    this.CONSUME(T.LParen);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.column), ERR_MSG: 'a column name' });
    this.CONSUME(T.RParen);
    this.SUBRULE(this.modifiers);
  });

  inRange = this.RULE('inRange', () => {
    this.CONSUME(T.LParen);
    this.SUBRULE(this.column);
    this.CONSUME(T.Comma);
    this.SUBRULE(this.literal, { LABEL: 'min' });
    this.CONSUME2(T.Comma);
    this.SUBRULE2(this.literal, { LABEL: 'max' });
    this.CONSUME(T.RParen);
    this.SUBRULE(this.modifiers);
  });

  matches = this.RULE('matches', () => {
    this.CONSUME(T.LParen);
    this.SUBRULE(this.column);
    this.CONSUME(T.Comma);
    this.CONSUME(T.StringLiteral, { LABEL: 'pattern' });
    this.CONSUME(T.RParen);
    this.SUBRULE(this.modifiers);
  });

  acceptedValues = this.RULE('acceptedValues', () => {
    this.CONSUME(T.LParen);
    this.SUBRULE(this.column);
    this.CONSUME(T.Comma);
    this.CONSUME(T.LBracket);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.literal), ERR_MSG: 'a value' });
    this.CONSUME(T.RBracket);
    this.CONSUME(T.RParen);
    this.SUBRULE(this.modifiers);
  });

  foreignKey = this.RULE('foreignKey', () => {
    this.CONSUME(T.LParen);
    this.SUBRULE(this.column, { LABEL: 'column' });
    this.CONSUME(T.RParen);
    this.CONSUME(T.References);
    this.SUBRULE2(this.column, { LABEL: 'dataset' });
    this.CONSUME2(T.LParen);
    this.SUBRULE3(this.column, { LABEL: 'refColumn' });
    this.CONSUME2(T.RParen);
    this.SUBRULE(this.modifiers);
  });

  rowCount = this.RULE('rowCount', () => {
    this.CONSUME(T.LParen);
    this.SUBRULE(this.literal, { LABEL: 'min' });
    this.CONSUME(T.Comma);
    this.SUBRULE2(this.literal, { LABEL: 'max' });
    this.CONSUME(T.RParen);
    this.SUBRULE(this.modifiers);
  });

  freshness = this.RULE('freshness', () => {
    this.CONSUME(T.LParen);
    this.SUBRULE(this.column);
    this.CONSUME(T.Comma);
    this.CONSUME(T.StringLiteral, { LABEL: 'window' });
    this.CONSUME(T.RParen);
    this.SUBRULE(this.modifiers);
  });

  custom = this.RULE('custom', () => {
    this.CONSUME(T.LParen);
    this.SUBRULE(this.expression);
    this.CONSUME(T.RParen);
    this.SUBRULE(this.modifiers);
  });

  // ---- shared pieces ----

  modifiers = this.RULE('modifiers', () => {
    this.OPTION(() => {
      this.CONSUME(T.Where);
      this.SUBRULE(this.expression, { LABEL: 'where' });
    });
    this.OPTION2(() => {
      this.CONSUME(T.Mostly);
      this.CONSUME(T.NumberLiteral, { LABEL: 'percent' });
      this.CONSUME(T.Percent);
    });
  });

  column = this.RULE('column', () => {
    this.OR({
      DEF: [{ ALT: () => this.CONSUME(T.Identifier) }, { ALT: () => this.CONSUME(T.QuotedIdentifier) }],
      ERR_MSG: 'a column name',
    });
  });

  literal = this.RULE('literal', () => {
    this.OR({
      DEF: [
        {
          ALT: () => {
            this.OPTION(() => this.CONSUME(T.Minus));
            this.CONSUME(T.NumberLiteral);
          },
        },
        { ALT: () => this.CONSUME(T.StringLiteral) },
        { ALT: () => this.CONSUME(T.Null) },
        { ALT: () => this.CONSUME(T.True) },
        { ALT: () => this.CONSUME(T.False) },
      ],
      ERR_MSG: 'a value (a number, a string, null, true or false)',
    });
  });

  // ---- expressions ----

  expression = this.RULE('expression', () => {
    this.SUBRULE(this.andExpr, { LABEL: 'operands' });
    this.MANY(() => {
      this.CONSUME(T.Or);
      this.SUBRULE2(this.andExpr, { LABEL: 'operands' });
    });
  });

  andExpr = this.RULE('andExpr', () => {
    this.SUBRULE(this.notExpr, { LABEL: 'operands' });
    this.MANY(() => {
      this.CONSUME(T.And);
      this.SUBRULE2(this.notExpr, { LABEL: 'operands' });
    });
  });

  // NOT and unary minus are loops, not recursion, so a long run of them can't exhaust the stack.
  notExpr = this.RULE('notExpr', () => {
    this.MANY(() => this.CONSUME(T.Not));
    this.SUBRULE(this.predicate);
  });

  predicate = this.RULE('predicate', () => {
    this.SUBRULE(this.additive, { LABEL: 'left' });
    this.OPTION(() => {
      this.OR([
        {
          ALT: () => {
            this.OR2(COMPARISON.map((tok) => ({ ALT: () => this.CONSUME(tok, { LABEL: 'compareOp' }) })));
            this.SUBRULE2(this.additive, { LABEL: 'right' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Is);
            this.OPTION2(() => this.CONSUME(T.Not, { LABEL: 'isNot' }));
            this.CONSUME(T.Null);
          },
        },
        {
          ALT: () => {
            this.OPTION3(() => this.CONSUME2(T.Not, { LABEL: 'negated' }));
            this.OR3([
              {
                ALT: () => {
                  this.CONSUME(T.In);
                  this.CONSUME(T.LParen);
                  this.AT_LEAST_ONE_SEP({
                    SEP: T.Comma,
                    DEF: () => this.SUBRULE(this.expression, { LABEL: 'inValues' }),
                    ERR_MSG: 'a value',
                  });
                  this.CONSUME(T.RParen);
                },
              },
              {
                ALT: () => {
                  this.CONSUME(T.Between);
                  this.SUBRULE3(this.additive, { LABEL: 'low' });
                  this.CONSUME(T.And);
                  this.SUBRULE4(this.additive, { LABEL: 'high' });
                },
              },
            ]);
          },
        },
      ]);
    });
  });

  additive = this.RULE('additive', () => {
    this.SUBRULE(this.multiplicative, { LABEL: 'operands' });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Plus, { LABEL: 'ops' }) },
        { ALT: () => this.CONSUME(T.Minus, { LABEL: 'ops' }) },
      ]);
      this.SUBRULE2(this.multiplicative, { LABEL: 'operands' });
    });
  });

  multiplicative = this.RULE('multiplicative', () => {
    this.SUBRULE(this.unary, { LABEL: 'operands' });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Star, { LABEL: 'ops' }) },
        { ALT: () => this.CONSUME(T.Slash, { LABEL: 'ops' }) },
      ]);
      this.SUBRULE2(this.unary, { LABEL: 'operands' });
    });
  });

  unary = this.RULE('unary', () => {
    this.MANY(() => this.CONSUME(T.Minus));
    this.SUBRULE(this.primary);
  });

  primary = this.RULE('primary', () => {
    this.OR({
      DEF: [
        { ALT: () => this.CONSUME(T.NumberLiteral) },
        { ALT: () => this.CONSUME(T.StringLiteral) },
        { ALT: () => this.CONSUME(T.Null) },
        { ALT: () => this.CONSUME(T.True) },
        { ALT: () => this.CONSUME(T.False) },
        { ALT: () => this.CONSUME(T.QuotedIdentifier) },
        {
          ALT: () => {
            this.CONSUME(T.Identifier);
            this.OPTION(() => {
              this.CONSUME(T.LParen, { LABEL: 'callOpen' });
              this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expression, { LABEL: 'args' }) });
              this.CONSUME(T.RParen, { LABEL: 'callClose' });
            });
          },
        },
        {
          ALT: () => {
            this.CONSUME2(T.LParen);
            this.SUBRULE2(this.expression, { LABEL: 'inner' });
            this.CONSUME2(T.RParen);
          },
        },
      ],
      ERR_MSG: VALUE,
    });
  });
}

/** Built once: Chevrotain's grammar analysis is the expensive part. */
let instance: RuleGrammar | undefined;
export function grammar(): RuleGrammar {
  instance ??= new RuleGrammar();
  return instance;
}
