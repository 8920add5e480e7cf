import type { CsvEncoding } from '@dqw/shared-types';
import { Transform, type TransformCallback } from 'node:stream';

export interface EncodingGuess {
  encoding: CsvEncoding;
  bom: boolean;
}

/** Why a file can't be read as text, or doesn't match the declared encoding (→ 400). */
export class EncodingProblem extends Error {
  override readonly name = 'EncodingProblem';
}

const BOMS: { bytes: number[]; encoding: CsvEncoding }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

function startsWith(b: Buffer, prefix: number[]): boolean {
  return prefix.every((x, i) => b[i] === x);
}

/** Node's decoder label for an encoding (latin-1 is read as windows-1252, its superset, like browsers do). */
export function decoderLabel(e: CsvEncoding): string {
  return e === 'latin-1' ? 'latin1' : e;
}

/** True when `b` is valid UTF-8, ignoring a sequence cut off at the end of the sample. */
function isUtf8(b: Buffer, complete: boolean): boolean {
  try {
    const d = new TextDecoder('utf-8', { fatal: true });
    d.decode(b, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

/** Share of NUL bytes at even and odd offsets: UTF-16 text of mostly ASCII has one side full of them. */
function nulShares(b: Buffer): { even: number; odd: number } {
  let even = 0;
  let odd = 0;
  for (let i = 0; i < b.length; i++) {
    if (b[i] !== 0) continue;
    if (i % 2 === 0) even++;
    else odd++;
  }
  const half = Math.max(1, b.length / 2);
  return { even: even / half, odd: odd / half };
}

/** Control characters other than tab, line feed, form feed, carriage return and vertical tab. */
function controlShare(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 11 && c !== 12 && c !== 13) || c === 0x7f) n++;
  }
  return n / Math.max(1, text.length);
}

/**
 * The encoding of a file from its first bytes (`complete` when the sample is the whole file): a BOM
 * decides; NUL bytes on one side mean UTF-16; valid UTF-8 is UTF-8; anything else is Latin-1. A file
 * that decodes to control characters (an image, an archive renamed .csv) is not text. A declared
 * encoding is checked against the bytes and refused when they plainly disagree.
 */
export function detectEncoding(sample: Buffer, complete: boolean, declared?: CsvEncoding): EncodingGuess {
  const bom = BOMS.find((b) => startsWith(sample, b.bytes));
  let guess: EncodingGuess;
  if (bom) guess = { encoding: bom.encoding, bom: true };
  else {
    const { even, odd } = nulShares(sample.subarray(0, 64 * 1024));
    if (odd > 0.3 && even < 0.05) guess = { encoding: 'utf-16le', bom: false };
    else if (even > 0.3 && odd < 0.05) guess = { encoding: 'utf-16be', bom: false };
    else if (sample.includes(0))
      throw new EncodingProblem('The file is not a text (CSV) file: it contains binary data');
    else guess = { encoding: isUtf8(sample, complete) ? 'utf-8' : 'latin-1', bom: false };
  }
  if (declared && declared !== guess.encoding) {
    const plainAscii = !bom && guess.encoding === 'utf-8' && !sample.some((x) => x >= 0x80);
    // Plain ASCII reads the same in UTF-8 and Latin-1; any other disagreement is a wrong declaration.
    if (!(plainAscii && declared === 'latin-1')) {
      throw new EncodingProblem(
        `The file is not ${declared}: its bytes look like ${guess.encoding}${guess.bom ? ' (it starts with a byte-order mark)' : ''}. ` +
          'Leave the encoding out to use the detected one.',
      );
    }
    guess = { encoding: declared, bom: false };
  }
  const text = new TextDecoder(decoderLabel(guess.encoding)).decode(sample);
  if (controlShare(text) > 0.01)
    throw new EncodingProblem('The file is not a text (CSV) file: it contains binary data');
  return guess;
}

/**
 * Decodes a stream in `encoding` and re-encodes it as UTF-8 (without BOM) for DuckDB. Invalid input
 * (a UTF-16 file with an odd byte at the end) fails the stream.
 */
export function toUtf8(encoding: CsvEncoding): Transform {
  const decoder = new TextDecoder(decoderLabel(encoding), { fatal: true });
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      try {
        const s = decoder.decode(chunk, { stream: true });
        cb(null, s ? Buffer.from(s, 'utf8') : undefined);
      } catch {
        cb(new EncodingProblem(`The file is not valid ${encoding}`));
      }
    },
    flush(cb: TransformCallback) {
      try {
        const s = decoder.decode();
        cb(null, s ? Buffer.from(s, 'utf8') : undefined);
      } catch {
        cb(new EncodingProblem(`The file is not valid ${encoding}`));
      }
    },
  });
}
