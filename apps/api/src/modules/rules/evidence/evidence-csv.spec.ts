import { csvCell, evidenceCsv } from './evidence-csv';

describe('evidence CSV', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+SUM(A1)', "'+SUM(A1)"],
    ['-2', "'-2"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['\rx', '"\'\rx"'],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    [' padded ', '" padded "'],
  ])('neutralises and quotes %j', (value, cell) => expect(csvCell(value)).toBe(cell));

  it('writes null as empty, numbers and objects as text', () => {
    expect([null, undefined, 12, -3, true, { a: 1 }].map(csvCell)).toEqual([
      '',
      '',
      '12',
      "'-3",
      'true',
      '"{""a"":1}"',
    ]);
  });

  it('writes row number then every column, CRLF line ends, header escaped too', () => {
    const csv = evidenceCsv({
      runId: 'r',
      ruleId: 'x',
      datasetId: 'd',
      datasetVersionId: null,
      columns: ['=evil', 'b'],
      keyColumns: [],
      failedCount: 2,
      truncated: false,
      rows: [
        { rowNumber: 3, values: { '=evil': '@x', b: null } },
        { rowNumber: null, values: { b: 'ok' } },
      ],
    });
    expect(csv).toBe("row_number,'=evil,b\r\n3,'@x,\r\n,,ok\r\n");
  });
});
