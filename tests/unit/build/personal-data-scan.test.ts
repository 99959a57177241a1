import { describe, expect, it } from 'vitest';
import { findPersonalData, fixturePersonalData, personalDataIn } from '../../../scripts/personal-data-scan.mjs';
import { CITIZEN } from '../../helpers/test-core';
import { repoRoot } from './support';

/** The closing check of `npm test` that the suite's logs hold no personal data (issue 17 finding 4). */
describe('the personal data the suite looks for in its logs', () => {
  it('comes from the fixtures and test data builders, the reception citizen included', () => {
    const people = fixturePersonalData(repoRoot);
    expect(people.idNumbers).toContain(CITIZEN.idNumber);
    expect(people.names).toContain(CITIZEN.fullName);
  });

  it('takes ID numbers, named people and the name in a CCCD QR text, and leaves zero padding and single words', () => {
    const people = personalDataIn([
      `const owner = { fullName: 'Phạm Minh Châu', idNumber: '036185001234' };`,
      `qr: '079204001122||Trần Văn Đức|01011990|Nam|Hà Nội|01012021'`,
      `{ "fullName": "Admin", "code": "000000000012" }`,
    ]);
    expect(people).toEqual({ idNumbers: ['036185001234', '079204001122'], names: ['Phạm Minh Châu', 'Trần Văn Đức'] });
  });

  it('finds them in a log as written or folded, by line and redacted, and nothing in a clean log', () => {
    const people = { idNumbers: ['036185001234'], names: ['Phạm Minh Châu'] };
    const log = [
      '[central] POST /v1/commands failed: "…" 0361•••34',
      '[core] lookup 036185001234 failed',
      'search_text: pham minh chau 2026',
      '[core] owner Phạm Minh Châu',
    ].join('\n');
    expect(findPersonalData(log, people)).toEqual([
      { line: 2, value: '036•••••••34' },
      { line: 3, value: 'P. M. C.' },
      { line: 4, value: 'P. M. C.' },
    ]);
    expect(findPersonalData('[core] channel reception.accept threw: DB_LOCKED', people)).toEqual([]);
  });
});
