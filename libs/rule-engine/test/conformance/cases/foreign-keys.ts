/** FOREIGN_KEY across datasets: typed lookups, the referenced dataset's own null markers, names. */
import type { CaseGroup } from '../types';

export const FOREIGN_KEYS: CaseGroup[] = [
  {
    title: 'foreign keys across datasets',
    data: {
      csv: 'id,customer,code,day\n1,10,a,2024-01-01\n2,11,b,2024-01-02T00:00:00Z\n3,99,A,2024-01-03\n4,,c,\n5,x,a ,2024-01-05\n6,10.0,N/A,2024-01-01T00:00:01Z\n',
      types: { customer: 'decimal', day: 'timestamp' },
    },
    refs: [
      {
        name: 'Customers',
        csv: 'cid,code,since\n10,a,2024-01-01\n11,b,2024-01-02\n11,B,2024-01-03\n,N/A,\n12,NULL,2024-01-05\n',
        types: { cid: 'integer', since: 'date' },
        nullMarkers: ['N/A', 'NULL'],
      },
    ],
    cases: [
      ['FOREIGN_KEY(customer) REFERENCES customers(cid)', 6, 2, 'FAILED', [3, 5]],
      ['FOREIGN_KEY(code) REFERENCES CUSTOMERS(code)', 6, 3, 'FAILED', [3, 4, 6]],
      ['FOREIGN_KEY(day) REFERENCES customers(since)', 6, 1, 'FAILED', [6]],
      ['FOREIGN_KEY(customer) REFERENCES customers(code)', /not comparable|cannot reference/i],
      ['FOREIGN_KEY(customer) REFERENCES nope(cid)', /Unknown dataset 'nope'/],
      ['FOREIGN_KEY(customer) REFERENCES customers(nope)', /nope/],
      ["FOREIGN_KEY(customer) REFERENCES customers(cid) WHERE code = 'a'", 2, 1, 'FAILED', [5]],
      ['FOREIGN_KEY(id) REFERENCES data(id)', 6, 0, 'PASSED'],
      ['FOREIGN_KEY(customer) REFERENCES "Customers"(cid) MOSTLY 60%', 6, 2, 'PASSED'],
      ['FOREIGN_KEY(id) REFERENCES customers(code)', 6, 6, 'FAILED', [1, 2, 3, 4, 5, 6]],
    ],
  },
];
