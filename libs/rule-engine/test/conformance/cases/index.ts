import type { CaseGroup } from '../types';
import { BOOLEANS } from './booleans';
import { CSV_SHAPE } from './csvshape';
import { DATES } from './dates';
import { ERRORS } from './errors';
import { EXPRESSIONS } from './expressions';
import { FOREIGN_KEYS } from './foreign-keys';
import { NULLS } from './nulls';
import { NUMBERS } from './numbers';
import { REGEX } from './regex';
import { SCOPE } from './scope';
import { TEXT } from './text';
import { MORE } from './more';
import { UNIQUE } from './unique';

export const ALL_GROUPS: CaseGroup[] = [
  ...NULLS,
  ...NUMBERS,
  ...TEXT,
  ...CSV_SHAPE,
  ...DATES,
  ...BOOLEANS,
  ...UNIQUE,
  ...SCOPE,
  ...EXPRESSIONS,
  ...REGEX,
  ...FOREIGN_KEYS,
  ...ERRORS,
  ...MORE,
];

/** Each rule expectation is one case. */
export function caseCount(): number {
  return ALL_GROUPS.reduce((n, g) => n + g.cases.length, 0);
}
