import { uiText } from '../../shared/i18n/vi';
import { ADMIN, call, expect, navigation, seedAdmin, signIn, test } from './support/fixtures';
import { BIRTH_REGISTRATION, CCCD_PAYLOAD, pdfFile, pickBirthRegistration, seedCounter, typeAsReader } from './support/reception';

test.setTimeout(180_000);

const text = uiText.citizenScreen;

/**
 * Issue 18 §2 acceptance: the citizen sees the draft on their own page (the harness's second page),
 * the officer accepts, the citizen rates; the rating is stored with the dossier and counted in the
 * report; the screen is blank again after its timeout. The citizen's page holds no officer secret.
 */
test('the citizen checks the draft, rates once it is accepted, and the screen clears after its timeout', async ({
  page,
  context,
  harness,
}) => {
  await page.clock.install();
  await seedAdmin(harness);
  await seedCounter(harness);

  const citizen = await context.newPage();
  await citizen.goto(harness.citizenUrl);
  await expect(citizen.getByTestId('citizen-blank')).toBeVisible();
  // Its secret opens the citizen socket only: the officer's socket refuses it, and no officer API is there.
  expect(await citizen.evaluate(() => 'api' in window)).toBe(false);
  const officerSocket = await citizen.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const secret = new URLSearchParams(location.hash.slice(1)).get('secret') ?? '';
        const socket = new WebSocket(`ws://${location.host}/api?secret=${encodeURIComponent(secret)}`);
        socket.onopen = () => resolve('open');
        socket.onerror = () => resolve('refused');
      }),
  );
  expect(officerSocket).toBe('refused');

  // Two monitors show both screens at once; in one headless browser the page behind gets an animation frame or two a
  // second, and each click waits for frames (about 1–2 s a click against 0.1–0.5 s), so the page about to be clicked
  // is brought to the front.
  await page.bringToFront();
  await page.goto(harness.url);
  await signIn(page, ADMIN);
  // The admin sets the screen's timeouts (Quản trị › Cài đặt); the browser harness has no monitors to choose.
  // The thank-you clears after a second, so the spec sees the timeout without waiting minutes.
  await navigation(page).getByRole('menuitem', { name: uiText.nav.admin }).click();
  await page.getByRole('tab', { name: uiText.admin.settingsTab }).click();
  const settings = page.getByTestId('citizen-screen-settings');
  await expect(settings).toContainText(text.adminNoDisplays);
  await settings.getByLabel(text.adminThanksSeconds).fill('1');
  await page.getByTestId('citizen-screen-save').click();
  await expect(page.getByText(uiText.admin.saved)).toBeVisible();
  await navigation(page).getByRole('menuitem', { name: uiText.nav.reception }).click();
  await pickBirthRegistration(page, 'dang ky khai sinh');
  await expect(citizen.getByTestId('citizen-procedure')).toHaveText(BIRTH_REGISTRATION.name);

  await expect(page.getByTestId('cccd-scan')).toBeFocused();
  await typeAsReader(page, CCCD_PAYLOAD);
  await page.getByTestId('component-file-TP01').setInputFiles(pdfFile('to-khai-khai-sinh.pdf'));
  await page.getByTestId('component-file-TP02').setInputFiles(pdfFile('giay-chung-sinh.pdf'));
  await expect(page.getByTestId('component-TP02').getByTestId('attached-file')).toHaveCount(1);

  // The citizen checks what is being received: the owner, the two components handed in, the due date.
  await expect(citizen.getByTestId('citizen-owner')).toHaveText('Nguyễn Thị Hồng Nhung');
  await expect(citizen.getByTestId('citizen-components').getByRole('listitem')).toHaveCount(2);
  await expect(citizen.getByTestId('citizen-due')).toHaveText(/^\d{2}\/\d{2}\/\d{4}/);
  // Nothing else of the form reaches their screen.
  await expect(citizen.locator('body')).not.toContainText('038190012345');
  await expect(citizen.locator('body')).not.toContainText('Thôn Đông');

  await page.getByTestId('reception-accept').click();
  const code = (await page.getByTestId('accepted-code').textContent())!;
  expect(code).toMatch(/^000\.00\.06\.H56-\d{6}-0001$/);

  const question = citizen.getByTestId('citizen-rating');
  await expect(question).toContainText(code);
  await citizen.bringToFront();
  await question.getByRole('button', { name: text.levels.dissatisfied }).click();
  const reasons = citizen.getByTestId('citizen-reasons');
  await expect(reasons.getByRole('button', { name: text.send })).toBeDisabled();
  await reasons.getByRole('button', { name: text.reasons.handlingTime }).click();
  // The thank-you lasts one second, which a loaded machine can show and clear between two polls:
  // the screen's kinds are recorded as they change, so its passing is seen however briefly it lasted.
  await citizen.evaluate(() => {
    const screen = document.querySelector('[data-testid="citizen-screen"]')!;
    const seen: string[] = [];
    (window as unknown as { seenKinds: string[] }).seenKinds = seen;
    new MutationObserver(() => seen.push(screen.getAttribute('data-kind') ?? '')).observe(screen, {
      attributes: true,
      attributeFilter: ['data-kind'],
    });
  });
  await reasons.getByRole('button', { name: text.send }).click();
  await expect(citizen.getByTestId('citizen-blank')).toBeVisible({ timeout: 15_000 });
  expect(await citizen.evaluate(() => (window as unknown as { seenKinds: string[] }).seenKinds)).toEqual(['thanks', 'blank']);

  // Stored with the dossier, queued for the province, and counted in the month's report.
  const dossierId = harness.core.database.sqlite.prepare(`SELECT id FROM dossiers WHERE code = ?`).pluck().get(code) as string;
  await call(harness, 'auth.signIn', { username: ADMIN.username, password: ADMIN.password });
  const ratings = await call(harness, 'screen.ratings', { dossierId });
  expect(ratings).toEqual([{ stage: 'reception', rating: 'dissatisfied', reasons: ['handlingTime'], ratedAt: expect.any(String) }]);
  expect(harness.core.database.sqlite.prepare(`SELECT count(*) FROM outbox WHERE kind = 'dossier.rated'`).pluck().get()).toBe(1);
  const month = (
    harness.core.database.sqlite.prepare(`SELECT received_date FROM dossiers WHERE id = ?`).pluck().get(dossierId) as string
  ).slice(0, 7);
  const report = await call(harness, 'reports.dossiers', { period: month, filter: {} });
  expect(report.satisfaction).toEqual({ satisfied: 0, neutral: 0, dissatisfied: 1, total: 1 });
});
