/**
 * How back ends run MATCHES and regexp_like: a linear-time search for an RE2 pattern. Injectable, so
 * Node can use re2-wasm (the real RE2) while the browser uses the pure-TypeScript matcher (pike.ts).
 */
import { compileRe2 } from './pike';

export interface RegexEngine {
  readonly name: string;
  /** Compiles a pattern the DSL parser accepted; the result searches (unanchored) a text. */
  compile(pattern: string): (text: string) => boolean;
}

/** What the adapter needs of re2-wasm's `RE2` class (`import { RE2 } from 're2-wasm'` fits it). */
export type Re2Constructor = new (pattern: string, flags: string) => { test(text: string): boolean };

/** re2-wasm keeps its compiled pattern in a (TypeScript-private) `wrapper` whose `delete()` frees it. */
function free(re: object): void {
  (re as { wrapper?: { delete?(): void } }).wrapper?.delete?.();
}

export interface Re2WasmOptions {
  /** Compiled patterns kept alive; older ones are freed (default 16). */
  cacheSize?: number;
  /** Longer texts are searched by the pure-TypeScript matcher instead (default 100,000 chars). */
  maxTextLength?: number;
}

/**
 * An engine backed by re2-wasm. The caller passes the class (`import { RE2 } from 're2-wasm'`), so this
 * library never loads re2-wasm itself: it needs Node's `fs` and can't be bundled for the browser.
 *
 * re2-wasm 1.0.2 has a fixed 16 MB heap, never frees a compiled pattern by itself (about 2,400
 * compilations exhaust it) and, once out of memory, aborts for the rest of the process. So compiled
 * patterns live in a small LRU cache whose evictions are freed, long texts (copied into that heap) go
 * to the equivalent pure-TypeScript matcher, and if re2-wasm fails anyway the engine switches to that
 * matcher for good rather than failing runs.
 */
export function re2WasmEngine(RE2: Re2Constructor, options: Re2WasmOptions = {}): RegexEngine {
  const cacheSize = Math.max(1, options.cacheSize ?? 16);
  const maxTextLength = options.maxTextLength ?? 100_000;
  const cache = new Map<string, InstanceType<Re2Constructor>>();
  let broken = false;

  const get = (pattern: string): InstanceType<Re2Constructor> => {
    const hit = cache.get(pattern);
    if (hit) {
      cache.delete(pattern);
      cache.set(pattern, hit);
      return hit;
    }
    // re2-wasm only runs in Unicode mode ("u"); no "g"/"y", so test() never reads lastIndex.
    const re = new RE2(pattern, 'u');
    cache.set(pattern, re);
    if (cache.size > cacheSize) {
      const [oldest, evicted] = cache.entries().next().value as [string, InstanceType<Re2Constructor>];
      cache.delete(oldest);
      free(evicted);
    }
    return re;
  };

  /** Runs re2-wasm; on a failure other than a refused pattern, stops using it for the process. */
  const viaRe2 = (pattern: string, text: string, fallback: () => boolean): boolean => {
    if (broken) return fallback();
    try {
      return get(pattern).test(text);
    } catch (e) {
      if (!(e instanceof SyntaxError)) broken = true;
      return fallback();
    }
  };

  return {
    name: 're2-wasm',
    compile(pattern) {
      let ts: ((text: string) => boolean) | undefined;
      const fallback = (text: string): boolean => {
        ts ??= compileRe2(pattern);
        return ts(text);
      };
      return (text) =>
        text.length > maxTextLength ? fallback(text) : viaRe2(pattern, text, () => fallback(text));
    },
  };
}
