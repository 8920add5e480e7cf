import { re2WasmEngine, type RegexEngine } from '@dqw/rule-engine';
import { RE2 } from 're2-wasm';

let engine: RegexEngine | undefined;

/** The real RE2 (WASM) for patterns matched in this process (MySQL, some PostgreSQL patterns, SQLite). */
export function regexEngine(): RegexEngine {
  engine ??= re2WasmEngine(RE2);
  return engine;
}
