import { returnedRows } from '@exchange/platform';

describe('returnedRows', () => {
  it('unwraps [rows, count] and passes plain rows through', () => {
    expect(returnedRows([[{ id: 1 }], 1])).toEqual([{ id: 1 }]);
    expect(returnedRows([{ id: 1 }, { id: 2 }])).toEqual([{ id: 1 }, { id: 2 }]);
    expect(returnedRows([])).toEqual([]);
  });
});
