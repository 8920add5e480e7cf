/**
 * A generated orders file with problems planted at known rows, so tests and the benchmark know the
 * exact counts every rule must report.
 */
export function ordersCsv(rows: number): Buffer {
  const parts: string[] = ['id,email,amount,status\n'];
  const statuses = ['new', 'paid', 'shipped'];
  let chunk = '';
  for (let i = 1; i <= rows; i++) {
    const email = i % 97 === 0 ? '' : `u${i}@x.com`;
    const amount = i % 500 === 0 ? -1 : i % 1000;
    const status = i % 250 === 0 ? 'bogus' : statuses[i % 3];
    chunk += `${i},${email},${amount},${status}\n`;
    if (chunk.length > 1 << 20) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return Buffer.from(parts.join(''));
}

const multiples = (rows: number, k: number) => Math.floor(rows / k);

/** The rules the tests run and what each must find in `ordersCsv(rows)`. */
export function ordersRules(rows: number): { dsl: string; failed: number; status: 'passed' | 'failed' }[] {
  return [
    { dsl: 'NOT_NULL(email)', failed: multiples(rows, 97), status: rows >= 97 ? 'failed' : 'passed' },
    { dsl: 'UNIQUE(id)', failed: 0, status: 'passed' },
    {
      dsl: 'IN_RANGE(amount, 0, 999)',
      failed: multiples(rows, 500),
      status: rows >= 500 ? 'failed' : 'passed',
    },
    {
      dsl: "ACCEPTED_VALUES(status, ['new', 'paid', 'shipped'])",
      failed: multiples(rows, 250),
      status: rows >= 250 ? 'failed' : 'passed',
    },
    { dsl: "MATCHES(email, '^u[0-9]+@x[.]com$')", failed: 0, status: 'passed' },
    { dsl: `ROW_COUNT(${rows}, ${rows})`, failed: 0, status: 'passed' },
  ];
}
