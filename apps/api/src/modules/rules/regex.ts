import { re2WasmEngine, type RegexEngine } from '@dqw/rule-engine';
import { RE2 } from 're2-wasm';

let engine: RegexEngine | undefined;

/** The real RE2 (WASM) for MATCHES evaluated in this process; one per process, it caches patterns. */
export function regexEngine(): RegexEngine {
  engine ??= re2WasmEngine(RE2);
  return engine;
}
