import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { detectEncoding, EncodingProblem, toUtf8 } from './encoding';

const text = 'name,city\nRené,Zürich\nZoë,São Paulo\n';

describe('detectEncoding', () => {
  it('reads byte-order marks', () => {
    expect(detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), true)).toEqual(
      { encoding: 'utf-8', bom: true },
    );
    expect(
      detectEncoding(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), true),
    ).toEqual({ encoding: 'utf-16le', bom: true });
    expect(
      detectEncoding(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]), true),
    ).toEqual({ encoding: 'utf-16be', bom: true });
  });

  it('tells UTF-16 without BOM, UTF-8 and Latin-1 apart', () => {
    expect(detectEncoding(Buffer.from(text, 'utf16le'), true).encoding).toBe('utf-16le');
    expect(detectEncoding(Buffer.from(text, 'utf16le').swap16(), true).encoding).toBe('utf-16be');
    expect(detectEncoding(Buffer.from(text, 'utf8'), true).encoding).toBe('utf-8');
    expect(detectEncoding(Buffer.from('name\nRené\n', 'latin1'), true).encoding).toBe('latin-1');
  });

  it('ignores a multi-byte character cut off at the end of the sample, but not in a complete file', () => {
    const cut = Buffer.from('a\nZürich', 'utf8').subarray(0, 4); // "a\nZ" + first byte of ü
    expect(detectEncoding(cut, false).encoding).toBe('utf-8');
    expect(detectEncoding(cut, true).encoding).toBe('latin-1');
  });

  it('refuses binary data and declarations the bytes contradict', () => {
    expect(() => detectEncoding(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]), true)).toThrow(
      EncodingProblem,
    );
    expect(() => detectEncoding(Buffer.from('a,b\n\x01\x02\x03\x04\x05\x06,\x07\n'), true)).toThrow(/binary/);
    expect(() => detectEncoding(Buffer.from('name\nRené\n', 'latin1'), true, 'utf-8')).toThrow(/not utf-8/);
    expect(() => detectEncoding(Buffer.from(text), true, 'utf-16le')).toThrow(/not utf-16le/);
    expect(() => detectEncoding(Buffer.from(text), true, 'latin-1')).toThrow(/look like utf-8/);
    // Plain ASCII is both: a Latin-1 declaration is taken as is.
    expect(detectEncoding(Buffer.from('a,b\n1,2\n'), true, 'latin-1')).toEqual({
      encoding: 'latin-1',
      bom: false,
    });
  });
});

describe('toUtf8', () => {
  it('transcodes a stream whose characters are split across chunks, dropping the BOM', async () => {
    for (const [encoding, bytes] of [
      ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
      ['utf-16be', Buffer.from(text, 'utf16le').swap16()],
      ['latin-1', Buffer.from(text.replace('Zoë', 'Zoe').replace('São', 'Sao'), 'latin1')],
    ] as const) {
      const pieces = [...bytes].map((b) => Buffer.from([b])); // one byte per chunk
      const out = await buffer(Readable.from(pieces).pipe(toUtf8(encoding)));
      const expected = encoding === 'latin-1' ? text.replace('Zoë', 'Zoe').replace('São', 'Sao') : text;
      expect(out.toString('utf8'), encoding).toBe(expected);
    }
  });

  it('fails on a UTF-16 file with an odd trailing byte', async () => {
    const bytes = Buffer.concat([Buffer.from('ab', 'utf16le'), Buffer.from([0x41])]);
    await expect(buffer(Readable.from([bytes]).pipe(toUtf8('utf-16le')))).rejects.toThrow(
      /not valid utf-16le/,
    );
  });
});
