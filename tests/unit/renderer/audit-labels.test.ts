import { describe, expect, it } from 'vitest';
import { auditSubjectLabel, auditTime } from '../../../renderer/src/features/admin/audit-labels';

describe('the audit log in an officer’s words', () => {
  it('names object kinds in Vietnamese and writes dates dd/MM/yyyy', () => {
    expect(auditSubjectLabel('site')).toBe('Thông tin điểm tiếp nhận');
    expect(auditSubjectLabel('sessions')).toBe('Các phiên đăng nhập');
    expect(auditSubjectLabel('2026-09-02')).toBe('02/09/2026');
    expect(auditSubjectLabel('quantri')).toBe('quantri');
    expect(auditSubjectLabel('000.00.06.H56-260302-0001')).toBe('000.00.06.H56-260302-0001');
    expect(auditSubjectLabel(null)).toBe('');
  });

  it('shows when, to the minute, in Vietnam time whatever the machine’s zone', () => {
    // 17:05 UTC on 31 December is 00:05 on 1 January in Vietnam.
    expect(auditTime('2026-12-31T17:05:42.123Z')).toBe('01/01/2027 00:05');
    expect(auditSubjectLabel('2026-12-31T17:05:42.123Z')).toBe('01/01/2027 00:05');
  });
});
