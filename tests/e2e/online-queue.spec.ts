import { eq } from 'drizzle-orm';
import { BlobStore } from '../../central/blobs';
import { dossierFiles, onlineDossiers } from '../../central/db/schema';
import { claimOnlineDossier, takeInOnlineDossier } from '../../central/online/online-dossiers';
import { portalSubmissionIntake } from '../../central/online/portal-submission';
import { fetchDueSubmittedFiles } from '../../central/online/submitted-files';
import { fromVietnamLocal } from '../../shared/domain/vietnam-time';
import { errorMessages, uiText } from '../../shared/i18n/vi';
import { RECEIPT_FILE_CODE } from '../../shared/online/decision-forms';
import { DvcqgPortalSimulator, type OnlineSubmission } from '../peers/dvcqg-portal-simulator';
import { ADMIN, call, expect, navigation, seedAdmin, signIn, test } from './support/fixtures';
import { startE2eGateway, type E2eGateway } from './support/gateway';
import { BIRTH_REGISTRATION, seedCounter, SITE } from './support/reception';

let gateway: E2eGateway | null = null;
let portal: DvcqgPortalSimulator | null = null;

/** What the citizen attaches at the portal: a PDF, a 1×1 PNG photo, and a login page the portal served instead of a file. */
const FILED_PDF = Buffer.from('%PDF-1.4\n% to-khai\n%%EOF\n');
const FILED_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const LOGIN_PAGE = Buffer.from('<html><body>Đăng nhập</body></html>');

/** Steps that wait on the gateway (PGlite on a machine shared by many jobs) get more than the default 10 s. */
const GATEWAY_WAIT = { timeout: 60_000 };

test.afterEach(async () => {
  await portal?.close();
  portal = null;
  await gateway?.close();
  gateway = null;
});

/** What a citizen filed online on Friday 6 March 2026 at a Vietnam local time, as the portal adapter hands it over. */
function filedOnline(id: string, local: string, name: string, components = ['TP01'], links?: OnlineSubmission['TaiLieuNop']) {
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
      TaiLieuNop:
        links ??
        components.map((code, i) => ({
          MaThanhPhanHoSo: code,
          TenTepDinhKem: i === 0 ? 'to-khai.pdf' : `giay-to-${code}.pdf`,
          DuongDanTaiTepTin: `https://dichvucong.example.vn/f/${id}/${i + 1}`,
        })),
    },
    SITE.agencyCode,
  );
}

test('the online queue shows Monday’s deadlines, tells who holds a dossier, and an officer refuses one with a reason and accepts another, its filed files viewed, through the filled reception form', async ({
  page,
  context,
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
  await expect(page.getByTestId('online-check-component-TP01')).toContainText('to-khai.pdf');
  await page.getByTestId('online-check-reason').fill('Thủ tục không thuộc thẩm quyền của xã');
  await page.getByTestId('online-check-refuse').click();
  await expect(page.getByTestId('online-queue-count')).toHaveText('1', GATEWAY_WAIT);
  await expect(rows).toHaveCount(1);
  const [decided] = await gateway.database.db.select().from(onlineDossiers).where(eq(onlineDossiers.id, late.id));
  expect(decided).toMatchObject({ decision: 'refused', reason: 'Thủ tục không thuộc thẩm quyền của xã', decidedBy: ADMIN.username });
  // Form 03 went with it, uploaded by the counter; no signing session was open, so it is "chưa ký" (issue 16 §3).
  expect(decided).toMatchObject({ formSha256: expect.stringMatching(/^[0-9a-f]{64}$/), formSigned: false });
  await expect(page.getByText(uiText.onlineQueue.check.formNotSigned)).toBeVisible();

  // A complete one, its files served by the portal and fetched by the gateway's intake: the declaration PDF, a
  // photo of the birth certificate, and a link that gives a web page instead of a file (refused, marked so).
  portal = await DvcqgPortalSimulator.start({ username: 'u', password: 'p', dstcode: 'H56', madonvi: 'x', now: () => new Date() });
  const links = [
    portal.attachFile('TP01', 'to-khai.pdf', FILED_PDF),
    portal.attachFile('TP02', 'giay-chung-sinh.png', FILED_PNG, 'image/png'),
    portal.attachFile('TP02', 'ban-sao.pdf', LOGIN_PAGE, 'text/html'),
  ];
  const complete = await takeInOnlineDossier(
    gateway.database.db,
    filedOnline('complete', '2026-03-06T17:40', 'Lê Thị Trực Tuyến', [], links),
  );
  const fetched = await fetchDueSubmittedFiles({
    db: gateway.database.db,
    blobs: new BlobStore(gateway.database.db, gateway.blobDir),
    fetch: { allowPrivateAddresses: true },
    now: () => fromVietnamLocal('2026-03-09T09:00'),
  });
  // The earlier dossiers' links lead nowhere reachable from here: tried again later, never holding their dossiers back.
  expect(fetched).toMatchObject({ stored: 2, refused: 1 });

  // The citizen-facing screen stays blank for an online dossier: its applicant is not at the counter.
  const citizen = await context.newPage();
  await citizen.goto(harness.citizenUrl);
  await expect(citizen.getByTestId('citizen-blank')).toBeVisible();
  // Two monitors show both screens at once; in one headless browser the page behind gets an animation frame or two a
  // second, and each click waits for frames (about 1–2 s a click against 0.1–0.5 s): the officer's is the one clicked.
  await page.bringToFront();

  await navigation(page).getByRole('menuitem', { name: uiText.nav.lookup }).click();
  await navigation(page).getByRole('menuitem', { name: uiText.nav.onlineQueue }).click();
  await expect(page.getByTestId('online-queue-count')).toHaveText('2', GATEWAY_WAIT);
  await page.getByTestId(`online-claim-${complete.id}`).click();
  await expect(check).toContainText('complete@example.vn', GATEWAY_WAIT);

  // Each filed file against the procedure's checklist, opened in the viewer: the PDF in the app's PDF frame, the photo as an image.
  await expect(page.getByTestId('online-check-component-TP01')).toContainText('to-khai.pdf');
  await expect(page.getByTestId('online-check-component-TP02')).toContainText('giay-chung-sinh.png');
  await expect(page.getByTestId('online-file-unavailable-2')).toContainText(errorMessages.ONLINE_FILE_TYPE_NOT_ALLOWED);
  await page.getByTestId('online-file-view-0').click();
  const viewer = page.getByRole('dialog').filter({ hasText: 'to-khai.pdf' }).last();
  await expect(viewer.getByTitle(/to-khai\.pdf/)).toBeVisible(GATEWAY_WAIT);
  await expect(viewer.getByTestId('pdf-download')).toHaveAttribute('download', 'to-khai.pdf');
  // Closed with its button: Chromium's PDF frame may hold the focus, and with it the Escape key.
  await viewer.getByRole('button', { name: 'Đóng' }).click();
  await expect(page.getByTestId('online-file-viewer')).toHaveCount(0);
  await page.getByTestId('online-file-view-1').click();
  await expect(page.getByTestId('online-file-image')).toBeVisible(GATEWAY_WAIT);
  await page.getByRole('dialog').filter({ hasText: 'giay-chung-sinh.png' }).last().getByRole('button', { name: 'Đóng' }).click();
  await expect(page.getByTestId('online-file-viewer')).toHaveCount(0);

  // Opened in the reception form and dropped with F2: back to the online queue, not a blank direct reception.
  await page.getByTestId('online-check-receive').click();
  await expect(page.getByTestId('online-reception-banner')).toBeVisible();
  await expect(page.getByTestId('online-filed-TP01')).toContainText('to-khai.pdf');
  await page.keyboard.press('F2');
  await page.getByTestId('start-over-confirm').click();
  await expect(page.getByTestId('online-queue')).toBeVisible();
  await expect(page.getByTestId('online-reception-banner')).toHaveCount(0);
  await expect(page.getByTestId('procedure-picker')).toHaveCount(0);

  // Again, and dropped with "Làm lại": the same.
  await page.getByTestId(`online-claim-${complete.id}`).click();
  await expect(check).toContainText('complete@example.vn', GATEWAY_WAIT);
  await page.getByTestId('online-check-receive').click();
  await expect(page.getByTestId('online-filed-TP01')).toContainText('to-khai.pdf');
  await page.getByTestId('reception-start-over').click();
  await page.getByTestId('start-over-confirm').click();
  await expect(page.getByTestId('online-queue')).toBeVisible();
  await expect(page.getByTestId('procedure-picker')).toHaveCount(0);

  // Now received: claimed again and accepted with its files.
  await page.getByTestId(`online-claim-${complete.id}`).click();
  await expect(check).toContainText('complete@example.vn', GATEWAY_WAIT);
  await page.getByTestId('online-check-receive').click();

  await expect(page.getByTestId('online-reception-banner')).toBeVisible();
  await expect(page.getByTestId('procedure-picker')).toContainText(BIRTH_REGISTRATION.name);
  await expect(page.getByTestId('procedure-summary')).toContainText(BIRTH_REGISTRATION.code);
  const owner = page.getByTestId('party-owner');
  await expect(owner.getByLabel(uiText.party.fullName)).toHaveValue('Lê Thị Trực Tuyến');
  await expect(owner.getByLabel(uiText.party.idNumber)).toHaveValue('038190012345');
  await expect(owner.getByLabel(uiText.party.phone)).toHaveValue('0912345678');
  await expect(owner.getByLabel(uiText.party.email)).toHaveValue('complete@example.vn');
  await expect(page.getByTestId('online-filed-TP01')).toContainText('to-khai.pdf');
  await expect(page.getByTestId('online-filed-TP02')).toContainText('giay-chung-sinh.png, ban-sao.pdf');

  await page.getByTestId('reception-accept').click();
  const code = page.getByTestId('accepted-code');
  await expect(code).toHaveText(/^000\.00\.06\.H56-\d{6}-0001$/, GATEWAY_WAIT);
  const dossierCode = (await code.textContent())!;
  // The receipt went to the applicant unsigned (no signing session open): the accepted dossier's screen says so.
  await expect(page.getByTestId('accepted-form-notice')).toHaveText(uiText.onlineQueue.check.formNotSigned);
  // Never the draft on the citizen's screen, before or after accepting.
  await expect(citizen.getByTestId('citizen-blank')).toBeVisible();
  await expect(citizen.locator('body')).not.toContainText('Lê Thị Trực Tuyến');

  // Back to the queue: the accepted dossier has left it once the counter's sync told the gateway.
  await expect(page.getByTestId('reception-next')).toHaveText(uiText.reception.online.back);
  await page.getByTestId('reception-next').click();
  await expect(async () => {
    await navigation(page).getByRole('menuitem', { name: uiText.nav.lookup }).click();
    await navigation(page).getByRole('menuitem', { name: uiText.nav.onlineQueue }).click();
    await expect(page.getByTestId('online-queue-count')).toHaveText('1', { timeout: 5_000 });
  }).toPass(GATEWAY_WAIT);
  await expect(page.getByTestId(`online-claim-${complete.id}`)).toHaveCount(0);
  const [accepted] = await gateway.database.db.select().from(onlineDossiers).where(eq(onlineDossiers.id, complete.id));
  expect(accepted).toMatchObject({ decision: 'accepted', dossierCode, decidedBy: ADMIN.username });
  // The received dossier at the province names the files filed online, by their hashes and components, and the
  // receipt sent electronically followed the code as a file of the dossier (issue 15 §1).
  const { db } = gateway.database;
  await expect(async () => {
    const kept = await db.select().from(dossierFiles).where(eq(dossierFiles.dossierCode, dossierCode));
    expect(kept.map((f) => [f.componentCode, f.mediaType, f.signed]).sort()).toEqual([
      [RECEIPT_FILE_CODE, 'application/pdf', false],
      ['TP01', 'application/pdf', false],
      ['TP02', 'image/png', false],
    ]);
  }).toPass(GATEWAY_WAIT);
});
