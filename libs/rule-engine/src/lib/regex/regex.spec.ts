import fc from 'fast-check';
import { RE2 } from 're2-wasm';
import { re2WasmEngine } from './engine';
import { compileRe2, pikeRegexEngine } from './pike';
import { checkRe2Syntax } from './syntax';

const re2 = re2WasmEngine(RE2);

/** Whether RE2 itself compiles the pattern (the adapter would fall back instead of failing). */
function re2Accepts(pattern: string): boolean {
  try {
    const re = new RE2(pattern, 'u');
    (re as unknown as { wrapper: { delete(): void } }).wrapper.delete();
    return true;
  } catch {
    return false;
  }
}

describe('RE2 syntax check', () => {
  it.each([
    ['(a)\\1', 3, 2, /Backreferences/],
    ['a(?=b)', 1, 3, /Lookahead/],
    ['a(?!b)', 1, 3, /Lookahead/],
    ['(?<=a)b', 0, 4, /Lookbehind/],
    ['(?<!a)b', 0, 4, /Lookbehind/],
    ['(?>a+)b', 0, 3, /Atomic/],
    ['a*+', 1, 2, /Possessive/],
    ['a++', 1, 2, /Possessive/],
    ['a?+', 1, 2, /Possessive/],
    ['a{2}+', 1, 4, /Possessive/],
    ['a**', 1, 2, /stacked/],
    ['x{2}{3}', 1, 6, /stacked/],
    ['(?P<n>a)(?P=n)', 8, 4, /Backreferences/],
    ['a{1001}', 1, 6, /counts go up to 1000/],
    ['a{3,2}', 1, 5, /min ≤ max/],
    ['(a{100}){100}', 0, 13, /multiply past 1000/],
    ['\\Z', 0, 2, /\\Z is not supported/],
    ['\\u0041', 0, 2, /\\x\{41\}/],
    ['[a-\\d]', 1, 4, /class escape cannot end a range/],
    ['[z-a]', 1, 3, /Invalid character class range z-a/],
    ['(abc', 0, 1, /Missing \)/],
    ['abc)', 3, 1, /Unmatched \)/],
    ['[abc', 0, 4, /Missing \]/],
    ['*a', 0, 1, /Missing argument/],
    ['a|*', 2, 1, /Missing argument/],
    ['\\p{Foo}', 0, 7, /Unknown Unicode class/],
    ['\\x{110000}', 0, 10, /\\x\{…\}/],
    ['\\8', 0, 2, /Backreferences/],
    ['\\e', 0, 2, /Invalid escape \\e/],
    ['abc\\', 3, 1, /Trailing backslash/],
    ['(?i-)a', 0, 5, /Invalid flags/],
    ['(?<name>a)', 0, 3, /\(\?P<name>/],
    ['(?#note)', 0, 3, /Comments/],
    ['\\C', 0, 2, /\\C/],
  ])('%s is refused at %i (+%i)', (pattern, index, length, message) => {
    expect(checkRe2Syntax(pattern)).toMatchObject({ index, length, message: expect.stringMatching(message) });
  });

  it.each([
    '',
    '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
    '(?i)abc',
    '(?i:a)b',
    '(?s).',
    '(?m)^a$',
    '(?U)a+',
    '(?-i)a',
    '(?)',
    '(?P<year>\\d{4})-\\d{2}',
    '\\pL\\p{Greek}\\PN\\P{Lu}\\p{^Greek}',
    '[[:alpha:][:^digit:]]',
    '[]a]',
    '[^]a]',
    '[a-]',
    '[-a]',
    '\\Qa.b*\\E+',
    '\\Qunterminated',
    'a{,2}',
    'a{01}',
    '{',
    'a{2',
    '\\x41\\x{1F600}\\101\\0',
    '\\_\\-\\.\\/',
    '\\b\\B\\A\\z',
    '\\a\\f\\t\\n\\r\\v',
    'a{1000}',
    '(a{10}){100}',
    'x*?y+?z??w{2,3}?',
  ])('%j is accepted, as by RE2', (pattern) => {
    expect(checkRe2Syntax(pattern)).toBeUndefined();
    expect(re2Accepts(pattern)).toBe(true);
  });

  it('refuses whatever RE2 refuses among generated patterns', () => {
    // Everything the check accepts compiles in RE2 (the reverse has documented exceptions:
    // (?<name>…), \C and \cX are refused here on purpose).
    const piece = fc.constantFrom(
      'a',
      'b',
      '.',
      '\\d',
      '\\w',
      '[ab]',
      '[^a]',
      '(',
      ')',
      '|',
      '*',
      '+',
      '?',
      '{2}',
      '{1,3}',
      '{,}',
      '^',
      '$',
      '\\b',
      '(?i)',
      '(?:',
      '\\1',
      '(?=',
      '\\',
      '[',
      ']',
      '-',
      '{',
      '}',
      '\\pL',
      '\\Q',
      '\\E',
      '(?P<n>',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (parts) => {
        const pattern = parts.join('');
        if (checkRe2Syntax(pattern) === undefined) expect(re2Accepts(pattern), pattern).toBe(true);
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});

describe('pure-TypeScript matcher agrees with RE2', () => {
  it.each([
    ['abc', 'xabcx', true],
    ['^abc$', 'abc\n', false],
    ['(?m)^abc$', 'x\nabc\ny', true],
    ['a.c', 'a\nc', false],
    ['(?s)a.c', 'a\nc', true],
    ['\\bcat\\b', 'a cat!', true],
    ['\\bcat\\b', 'concat', false],
    ['\\Bcat', 'concat', true],
    ['(?i)straße', 'STRASSE', false],
    ['(?i)k', '\u212a', true],
    ['(?i)[a-z]+$', 'ABC', true],
    ['(?i)[^a]', 'A', false],
    ['\\p{Greek}+', 'αβγ', true],
    ['\\pL', '1', false],
    ['[[:^alpha:]]', 'a', false],
    ['[\\D]', '5', false],
    ['^.$', '😀', true],
    ['^..$', '😀', false],
    ['a{2,3}', 'aa', true],
    ['^a{2,3}$', 'aaaa', false],
    ['x*', '', true],
    ['', 'anything', true],
    ['^$', '', true],
    ['\\Qa.b\\E', 'axb', false],
    ['\\Qa.b\\E', 'a.b', true],
    ['(a|ab)(c|bcd)(d*)', 'abcd', true],
    ['^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', 'someone@example.com', true],
    ['^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', 'someone@example', false],
  ])('%j on %j → %s', (pattern, text, expected) => {
    expect(compileRe2(pattern)(text)).toBe(expected);
    expect(re2.compile(pattern)(text)).toBe(expected);
  });

  it('random patterns on random texts (differential test against re2-wasm)', () => {
    const atom = fc.constantFrom(
      'a',
      'b',
      'A',
      '.',
      '\\w',
      '\\W',
      '\\s',
      '[ab]',
      '[^b]',
      '(?i:a)',
      '\\b',
      '^',
      '$',
      '(?m:^)',
      '(?m:$)',
      'é',
      '[a-c]',
    );
    const quant = fc.constantFrom('', '', '*', '+', '?', '{2}', '{0,2}', '*?');
    const term = fc.tuple(atom, quant).map(([a, q]) => (/^[\\^$]|^\(\?m/.test(a) && q ? a : a + q));
    const seq = fc.array(term, { minLength: 0, maxLength: 5 }).map((t) => t.join(''));
    const pattern = fc
      .tuple(seq, fc.option(seq, { nil: undefined }), fc.boolean(), fc.boolean())
      .map(([a, b, group, fold]) => {
        let p = b === undefined ? a : `${a}|${b}`;
        if (group) p = `(${p})+`;
        return fold ? `(?i)${p}` : p;
      })
      .filter((p) => checkRe2Syntax(p) === undefined);
    const text = fc
      .array(fc.constantFrom('a', 'b', 'A', 'B', ' ', '\n', '_', 'é', 'É', 'c'), { maxLength: 12 })
      .map((c) => c.join(''));
    fc.assert(
      fc.property(pattern, fc.array(text, { minLength: 1, maxLength: 8 }), (p, texts) => {
        const ours = compileRe2(p);
        const theirs = re2.compile(p);
        for (const t of texts) expect(ours(t), `${p} on ${JSON.stringify(t)}`).toBe(theirs(t));
      }),
      { numRuns: 400, seed: 7 },
    );
  });

  it('frees the compiled patterns it evicts (re2-wasm never frees them itself)', () => {
    const deleted: string[] = [];
    class FakeRE2 {
      readonly wrapper: { delete(): void };
      constructor(readonly pattern: string) {
        this.wrapper = { delete: () => deleted.push(pattern) };
      }
      test(text: string): boolean {
        return text.includes(this.pattern);
      }
    }
    const engine = re2WasmEngine(FakeRE2, { cacheSize: 2 });
    const a = engine.compile('a');
    a('a');
    engine.compile('b')('b');
    engine.compile('c')('c');
    expect(deleted).toEqual(['a']);
    expect(a('xa')).toBe(true); // recompiled on demand, never a freed object
    expect(deleted).toEqual(['a', 'b']);
  });

  it('switches to the TypeScript matcher for good when re2-wasm aborts', () => {
    let calls = 0;
    class AbortingRE2 {
      test(): boolean {
        calls++;
        throw new Error('abort(Cannot enlarge memory arrays)');
      }
    }
    const engine = re2WasmEngine(AbortingRE2);
    expect(engine.compile('^a+$')('aaa')).toBe(true);
    expect(engine.compile('^b$')('a')).toBe(false);
    expect(calls).toBe(1);
  });

  it('texts longer than maxTextLength go to the TypeScript matcher', () => {
    const engine = re2WasmEngine(RE2, { maxTextLength: 10 });
    expect(engine.compile('b$')('a'.repeat(50) + 'b')).toBe(true);
    expect(engine.compile('^a+$')('a'.repeat(50) + 'b')).toBe(false);
  });

  it('the size limit admits only patterns re2-wasm can compile', () => {
    expect(checkRe2Syntax('\\pL{54}')).toBeUndefined();
    expect(re2Accepts('\\pL{54}')).toBe(true);
    expect(checkRe2Syntax('\\pL{100}')).toMatchObject({ message: 'Pattern too large to compile' });
    expect(checkRe2Syntax('.{1000}')).toBeUndefined();
    expect(checkRe2Syntax('(?:\\pL|\\pN){30}')).toMatchObject({ message: 'Pattern too large to compile' });
  });

  it('case-insensitive matching across Unicode case orbits (differential)', () => {
    const atom = fc.constantFrom(
      'σ',
      'ς',
      'Σ',
      'k',
      'K',
      '\u212a',
      'é',
      'É',
      'ß',
      'ǅ',
      'ǆ',
      'Ǆ',
      'i',
      'İ',
      'ı',
      '[σ]',
      '[ς]',
      '[k-m]',
      '[^σ]',
      '\\pL',
      '[\\p{Greek}]',
    );
    const pattern = fc.array(atom, { minLength: 1, maxLength: 3 }).map((a) => `(?i)${a.join('')}`);
    const text = fc
      .array(
        fc.constantFrom(
          'σ',
          'ς',
          'Σ',
          'k',
          'K',
          '\u212a',
          'é',
          'É',
          'ß',
          'ǅ',
          'ǆ',
          'Ǆ',
          'i',
          'I',
          'İ',
          'ı',
          'x',
        ),
        { maxLength: 4 },
      )
      .map((c) => c.join(''));
    const known: string[] = [];
    fc.assert(
      fc.property(pattern, text, (p, t) => {
        const ours = compileRe2(p)(t);
        const theirs = re2.compile(p)(t);
        if (ours !== theirs) known.push(`${p} on ${t}: ours ${ours}, RE2 ${theirs}`);
      }),
      { numRuns: 400, seed: 11 },
    );
    expect(known).toEqual([]);
  });

  it('(a+)+$ on 100,000 characters finishes (linear time, both engines)', () => {
    const text = `${'a'.repeat(100_000)}b`;
    const started = performance.now();
    expect(pikeRegexEngine.compile('(a+)+$')(text)).toBe(false);
    expect(re2.compile('(a+)+$')(text)).toBe(false);
    // A backtracking engine would not finish at all; the bound only guards against that.
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
