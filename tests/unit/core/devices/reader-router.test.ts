import { describe, expect, it } from 'vitest';
import { ReaderRouter, type RoutedScan } from '../../../../electron/core/devices/readers/reader-router';
import { FakeClock } from '../../../helpers/test-core';

const CCCD = '001089012345|123456789|Nguyễn Thái Sơn|04071989|Nam|Số 12 Ngõ 34 Phố Huế, Phường Hai Bà Trưng, Hà Nội|12082021';

function router() {
  const sent: RoutedScan[] = [];
  return { sent, router: new ReaderRouter((s) => sent.push(s), new FakeClock(new Date('2026-11-25T03:00:00.000Z'))) };
}

describe('reader router', () => {
  it('a CCCD payload is routed to fill the applicant, NUL padding and line ends removed', () => {
    const { router: r, sent } = router();
    r.handle({ readerId: 'serial:/dev/ttyACM0', text: `${CCCD}\0\0\r\n`, symbology: null });
    expect(sent).toEqual([
      { readerId: 'serial:/dev/ttyACM0', text: CCCD, symbology: null, kind: 'cccd', dossierCode: null, at: '2026-11-25T03:00:00.000Z' },
    ]);
  });

  it('a receipt QR (lookup URL) opens the return flow with the dossier code', () => {
    const { router: r } = router();
    const routed = r.handle({
      readerId: 'hid',
      text: 'https://dichvucong.example.gov.vn/tra-cuu?ma=000.00.06.H56-260423-0012',
      symbology: ']Q1',
    });
    expect(routed).toMatchObject({ kind: 'dossierCode', dossierCode: '000.00.06.H56-260423-0012' });
  });

  it('anything else is shown, never dropped, and kept among the recent scans', () => {
    const { router: r, sent } = router();
    r.handle({ readerId: 'hid', text: '8934567890123', symbology: ']E0' });
    r.handle({ readerId: 'hid', text: '001089012345|sai', symbology: ']Q1' });
    expect(sent.map((s) => s.kind)).toEqual(['unknown', 'cccdRejected']);
    expect(r.recent().map((s) => s.text)).toEqual(['001089012345|sai', '8934567890123']);
  });

  it('an empty scan (only padding) is not an event', () => {
    const { router: r, sent } = router();
    expect(r.handle({ readerId: 'hid', text: '\0\r\n', symbology: null })).toBeNull();
    expect(sent).toEqual([]);
  });
});
