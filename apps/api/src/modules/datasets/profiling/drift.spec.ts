import type { VersionColumnDto } from '@dqw/shared-types';
import { schemaDrift } from './drift';

const col = (name: string, type: VersionColumnDto['type']): VersionColumnDto => ({
  name,
  type,
  storage: 'text',
});

describe('schemaDrift', () => {
  it('names added, removed and retyped columns', () => {
    expect(
      schemaDrift(
        'v1',
        [col('id', 'integer'), col('email', 'string'), col('amount', 'integer')],
        [col('id', 'integer'), col('amount', 'decimal'), col('country', 'string')],
      ),
    ).toEqual({
      previousVersionId: 'v1',
      added: ['country'],
      removed: ['email'],
      retyped: [{ name: 'amount', from: 'integer', to: 'decimal' }],
    });
  });

  it('is null when nothing changed (order aside)', () => {
    expect(
      schemaDrift('v1', [col('a', 'string'), col('b', 'date')], [col('b', 'date'), col('a', 'string')]),
    ).toBeNull();
  });
});
