import { columnProfileFixture, profileFixture } from '../testing/dataset-fixtures';
import { markerCandidates } from './null-markers';

describe('markerCandidates', () => {
  it('gathers proposed markers over columns, with counts, most frequent first, minus accepted ones', () => {
    const profile = profileFixture({
      columns: [
        columnProfileFixture({
          name: 'email',
          nullMarkerCandidates: ['N/A', '-'],
          nullMarkerCounts: [
            { value: 'N/A', count: 6 },
            { value: '-', count: 1 },
          ],
        }),
        columnProfileFixture({
          name: 'city',
          nullMarkerCandidates: ['N/A', 'NULL'],
          nullMarkerCounts: [
            { value: 'N/A', count: 2 },
            { value: 'NULL', count: 4 },
          ],
        }),
      ],
    });
    expect(markerCandidates(profile, ['NULL'])).toEqual([
      { value: 'N/A', count: 8, columns: ['email', 'city'] },
      { value: '-', count: 1, columns: ['email'] },
    ]);
    expect(markerCandidates(null, [])).toEqual([]);
  });
});
