import { describe, expect, it } from 'vitest';
import { ValidationError } from '../domain/errors.js';
import type { Page } from '../ports/repositories.js';
import { keysetPage, type SortOrder } from './keyset-page.js';

interface Row {
  readonly name: string;
  readonly score: number;
}

const BY_SCORE_DESC_THEN_NAME: SortOrder<Row> = [
  { value: (row) => row.score, type: 'number', direction: 'desc' },
  { value: (row) => row.name, type: 'string', direction: 'asc' },
];

function readAll(rows: readonly Row[], limit: number): string[] {
  const names: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page: Page<string> = keysetPage(
      rows,
      BY_SCORE_DESC_THEN_NAME,
      { limit, after },
      'list rows',
      (row) => row.name,
    );
    names.push(...page.items);
    if (page.nextCursor === null) return names;
    after = page.nextCursor;
  }
}

describe('keysetPage', () => {
  it('mixes directions per column and resumes after non-ASCII keys', () => {
    const rows = ['ção', 'ábaco', 'zebra', '日本', 'Ω'].flatMap((name, index) => [
      { name, score: index % 2 },
      { name: `${name}-2`, score: 5 },
    ]);
    const expected = [...rows]
      .sort((a, b) => b.score - a.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((row) => row.name);
    expect(readAll(rows, 1)).toEqual(expected);
    expect(readAll(rows, 3)).toEqual(expected);
  });

  it('hands out no cursor when the last page is exactly full', () => {
    const rows = [1, 2].map((score) => ({ name: `r${score}`, score }));
    expect(keysetPage(rows, BY_SCORE_DESC_THEN_NAME, { limit: 2 }, 'list rows', (row) => row.name)).toEqual({
      items: ['r2', 'r1'],
      nextCursor: null,
    });
  });

  it('rejects a cursor whose values do not fit the columns', () => {
    const wrongTypes = btoa(JSON.stringify(['7', 7])).replace(/=+$/, '');
    expect(() =>
      keysetPage([], BY_SCORE_DESC_THEN_NAME, { after: wrongTypes }, 'list rows', (row) => row),
    ).toThrow(ValidationError);
  });
});
