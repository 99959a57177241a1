import { eq } from 'drizzle-orm';
import { onlineDossiers } from '../../central/db/schema';
import { claimOnlineDossier, takeInOnlineDossier } from '../../central/online/online-dossiers';
import { portalSubmissionIntake } from '../../central/online/portal-submission';
import { fromVietnamLocal } from '../../shared/domain/vietnam-time';
import { uiText } from '../../shared/i18n/vi';
import { ADMIN, call, expect, navigation, seedAdmin, signIn, test } from './support/fixtures';
import { startE2eGateway, type E2eGateway } from './support/gateway';
import { BIRTH_REGISTRATION, seedCounter, SITE } from './support/reception';

let gateway: E2eGateway | null = null;

/** Steps that wait on the gateway (PGlite on a machine shared by many jobs) get more than the default 10 s. */
const GATEWAY_WAIT = { timeout: 60_000 };

test.afterEach(async () => {
  await gateway?.close();
  gateway = null;
});

/** What a citizen filed online on Friday 6 March 2026 at a Vietnam local time, as the portal adapter hands it over. */
function filedOnline(id: string, local: string, name: string) {
  return portalSubmissionIntake(
    {
      id,
      submittedAt: fromVietnamLocal(local).toISOString(),
      MaTTHC: BIRTH_REGISTRATION.code,
      ChuHoSo: name,
      SoGiayToChuHoSo: '038190012345',
      LoaiDoiTuong: '1',
      SoDienThoai: '0912345678',
      Email: `${id}@example.vn`,
      MaDoiTuong: 'techid-1',
      TaiLieuNop: [{ MaThanhPhanHoSo: 'TP01', TenTepDinhKem: 'to-khai.pdf', DuongDanTaiTepTin: 'https://dichvucong.example.vn/f/1' }],
    },
    SITE.agencyCode,
  );
}

test('the online queue shows Monday’s deadlines, tells who holds a dossier, and an officer claims one and refuses it with a reason', async ({
  page,
  harness,
}) => {
  // PGlite's initdb and the gateway's migrations take 5–20 s alone, far more on a loaded machine.
  test.setTimeout(360_000);
  gateway = await startE2eGateway();
  await seedAdmin(harness);
  await seedCounter(harness);
  await call(harness, 'auth.signIn', { username: ADMIN.username, password: ADMIN.password });
  await call(harness, 'sync.enroll', {
    gatewayUrl: gateway.url,
    code: await gateway.enrolmentCode(SITE.agencyCode),
    counterName: 'Quầy 1',
  });
  await call(harness, 'auth.signOut', {});

  // Friday: one filed after closing at 17:20, one at 16:45; another counter's officer holds the earlier one.
  const late = await takeInOnlineDossier(gateway.database.db, filedOnline('late', '2026-03-06T17:20', 'Nguyễn Thị Hồng Nhung'));
  const early = await takeInOnlineDossier(gateway.database.db, filedOnline('early', '2026-03-06T16:45', 'Trần Văn Sớm'));
  await claimOnlineDossier(
    gateway.database.db,
    early.id,
    { username: 'binh.tv', fullName: 'Trần Văn Bình', deviceId: 'other-counter', agencyCode: SITE.agencyCode },
    // The lease is judged by the e2e gateway, which runs on the machine's clock (passes under faketime at Tết eve).
    new Date(),
  );

  await page.goto(harness.url);
  await signIn(page, ADMIN);
  await navigation(page).getByRole('menuitem', { name: uiText.nav.onlineQueue }).click();
  const queue = page.getByTestId('online-queue');
  const rows = queue.locator('tbody tr');
  await expect(rows).toHaveCount(2, GATEWAY_WAIT);
  await expect(rows.nth(0)).toContainText('09/03/2026 11:15');
  await expect(rows.nth(0)).toContainText('Trần Văn Bình đang xử lý');
  await expect(rows.nth(1)).toContainText('09/03/2026 11:30');
  await expect(rows.nth(1)).toContainText('Nguyễn Thị Hồng Nhung');
  await expect(page.getByTestId('online-queue-count')).toHaveText('2');

  // The one another officer holds: refused, naming the holder.
  await page.getByTestId(`online-claim-${early.id}`).click();
  await expect(page.getByTestId('error-alert')).toContainText('Trần Văn Bình', GATEWAY_WAIT);

  // The other: claimed, checked, refused with the reason the applicant is sent.
  await page.getByTestId(`online-claim-${late.id}`).click();
  const check = page.getByRole('dialog').filter({ hasText: uiText.onlineQueue.check.title });
  await expect(check).toContainText('late@example.vn', GATEWAY_WAIT);
  await expect(page.getByTestId('online-check-files')).toContainText('TP01 — to-khai.pdf');
  await page.getByTestId('online-check-reason').fill('Thủ tục không thuộc thẩm quyền của xã');
  await page.getByTestId('online-check-refuse').click();
  await expect(page.getByTestId('online-queue-count')).toHaveText('1', GATEWAY_WAIT);
  await expect(rows).toHaveCount(1);
  const [decided] = await gateway.database.db.select().from(onlineDossiers).where(eq(onlineDossiers.id, late.id));
  expect(decided).toMatchObject({ decision: 'refused', reason: 'Thủ tục không thuộc thẩm quyền của xã', decidedBy: ADMIN.username });
});
