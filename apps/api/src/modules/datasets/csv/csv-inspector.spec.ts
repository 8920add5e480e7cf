import type { SqlRunner } from '@dqw/rule-engine';
import { describe, expect, it } from 'vitest';
import { ServiceUnavailableError } from '../../../core/http/domain-errors';
import { CsvReadProblem, readWholeCsv } from './csv-inspector';

const source = {
  path: '/nowhere.csv',
  format: {
    delimiter: ',',
    quote: '"',
    escape: '"',
    header: true,
    newline: 'lf',
    encoding: 'utf-8',
    bom: false,
  },
} as unknown as Parameters<typeof readWholeCsv>[1];

const failingWith = (message: string): SqlRunner =>
  ({
    dialect: 'duckdb',
    query: async () => {
      throw new Error(message);
    },
  }) as unknown as SqlRunner;

describe('readWholeCsv', () => {
  it('says a server out of memory is worth a retry (503), not that the file is broken', async () => {
    const e = await readWholeCsv(
      failingWith('Out of Memory Error: could not allocate block of size 30.5 MiB'),
      source,
      'a,b',
    ).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ServiceUnavailableError);
    expect((e as Error).message).toMatch(/short of memory.*Try again/);
  });

  it('still calls an unreadable file unreadable', async () => {
    const e = await readWholeCsv(failingWith('Invalid Input Error: bad quote'), source, 'a,b').catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(CsvReadProblem);
    expect((e as Error).message).toMatch(/can't be read as CSV: .*bad quote/);
  });
});
