import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { keyObjectSigner } from '../../electron/core/signing/keys/p12-key';
import { signPdf } from '../../electron/core/signing/pades-signer';
import { TRUST_ANCHOR_DIR } from '../../electron/core/signing/verify/trust-anchors';
import { errorMessage, formatMessage, uiText } from '../../shared/i18n/vi';
import { testCaAndSigner } from '../helpers/test-pki';
import { ADMIN, call, changeTemporaryPassword, expect, navigation, seedAccount, seedAdmin, signIn, test } from './support/fixtures';
import { BIRTH_REGISTRATION, flat, seedCounter, seedDossier, shownPdfText } from './support/reception';

const SUPERVISOR = { username: 'le.giamsat', password: 'TamThoi2025', fullName: 'Lê Văn Giám', role: 'supervisor' as const };

test('look-up finds a dossier by a name typed without diacritics; a supervisor reprint needs a reason', async ({ page, harness }) => {
  await seedAdmin(harness);
  await seedCounter(harness);
  await seedAccount(harness, SUPERVISOR);
  const wanted = await seedDossier(harness, { fullName: 'Lê Thị Ánh Tuyết', idNumber: '038190054321', phone: '0912345678' });
  const other = await seedDossier(harness, { fullName: 'Trần Văn Bình' });

  await page.goto(harness.url);
  await signIn(page, SUPERVISOR);
  await changeTemporaryPassword(page, SUPERVISOR.password, 'GiamSat2025x');
  await navigation(page).getByRole('menuitem', { name: uiText.nav.lookup }).click();

  const results = page.getByTestId('lookup-results');
  await expect(results.getByRole('row', { name: new RegExp(other.code) })).toBeVisible();
  await page.getByTestId('lookup-text').fill('le thi anh tuyet');
  await page.getByTestId('lookup-search').click();
  await expect(results.getByRole('row', { name: new RegExp(other.code) })).toHaveCount(0);
  const row = results.getByRole('row', { name: new RegExp(wanted.code) });
  await expect(row).toContainText('Lê Thị Ánh Tuyết');
  await expect(row).toContainText(uiText.dossierStatus[2]);

  await row.click();
  const drawer = page.getByRole('dialog', { name: formatMessage(uiText.lookup.details, { code: wanted.code }) });
  await expect(drawer.getByTestId('dossier-code')).toHaveText(wanted.code);
  await drawer.getByTestId('open-reprint').click();
  const reprint = page.getByRole('dialog', { name: uiText.lookup.reprintTitle });
  await reprint.getByRole('button', { name: uiText.lookup.print }).click();
  await expect(reprint.getByText(formatMessage(uiText.common.required, { field: 'lý do in lại' }))).toBeVisible();
  await expect(reprint.getByTestId('pdf-viewer')).toHaveCount(0);
  await reprint.getByTestId('print-reason').fill('Công dân làm mất giấy hẹn');
  await reprint.getByRole('button', { name: uiText.lookup.print }).click();
  expect(flat(await shownPdfText(reprint))).toContain(wanted.code);
  await page.keyboard.press('Escape');
  await expect(reprint).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // Receipts owed since reception (never printed) are listed until printed.
  const owed = page.getByTestId('outstanding-jobs').getByRole('row', { name: new RegExp(other.code) });
  await owed.getByRole('button', { name: uiText.lookup.printOwed }).click();
  expect(flat(await shownPdfText(page.getByRole('dialog', { name: uiText.reception.receipt })))).toContain('Trần Văn Bình');
  await expect(owed).toHaveCount(0);
});

test('look-up shows a dossier’s files with their signature badges: the signer, or the reasons in Vietnamese', async ({ page, harness }) => {
  // The harness runs on the machine's clock: the certificate is valid around the moment the PDF is signed.
  const { ca, signer } = await testCaAndSigner(new Date(Date.now() - 30 * 86_400_000), 'Sở Tư pháp tỉnh Thử Nghiệm');
  // The province's root, imported by the admin into the data folder (docs/devices.md §7.4).
  const anchors = path.join(path.dirname(harness.core.database.file), TRUST_ANCHOR_DIR);
  await mkdir(anchors, { recursive: true });
  await writeFile(path.join(anchors, 'root.pem'), ca.pem.certificate);
  const doc = await PDFDocument.create();
  doc.addPage().drawText('Giay chung sinh');
  const signed = Buffer.from(
    await signPdf(await doc.save({ useObjectStreams: false }), keyObjectSigner(signer.privateKey, signer.certificate, [ca.certificate]), {
      signingTime: new Date(),
    }),
  );
  const tampered = Buffer.from(signed);
  const at = tampered.indexOf('/MediaBox') + 3;
  tampered[at] = tampered[at]! ^ 0x01;

  await seedAdmin(harness);
  await seedCounter(harness);
  await call(harness, 'auth.signIn', { username: ADMIN.username, password: ADMIN.password });
  const store = (fileName: string, bytes: Buffer) =>
    call(harness, 'reception.storeFile', { fileName, dataBase64: bytes.toString('base64') });
  const { dossier } = await call(harness, 'reception.accept', {
    draft: {
      procedureCode: BIRTH_REGISTRATION.code,
      owner: { kind: 'citizen', fullName: 'Phạm Thị Ký Số' },
      components: [
        { code: 'TP01', state: 'attached', files: [await store('to-khai-da-ky.pdf', signed)] },
        { code: 'TP02', state: 'attached', files: [await store('giay-chung-sinh.pdf', tampered)] },
      ],
    },
  });
  await call(harness, 'auth.signOut', {});

  await page.goto(harness.url);
  await signIn(page, ADMIN);
  await navigation(page).getByRole('menuitem', { name: uiText.nav.lookup }).click();
  await page
    .getByTestId('lookup-results')
    .getByRole('row', { name: new RegExp(dossier.code) })
    .click();
  const drawer = page.getByRole('dialog', { name: formatMessage(uiText.lookup.details, { code: dossier.code }) });
  const files = drawer.getByTestId('dossier-file');
  await expect(files).toHaveCount(2);

  const good = files.filter({ hasText: 'to-khai-da-ky.pdf' });
  await expect(good.getByTestId('signature-badge')).toHaveText(
    formatMessage(uiText.signing.signedBy, { signer: 'Sở Tư pháp tỉnh Thử Nghiệm' }),
  );
  await expect(good.getByTestId('signature-note')).toHaveText(
    errorMessage('SIG_REVOCATION_UNCHECKED', {
      certificate: formatMessage(uiText.signing.certificateOfSigner, { name: 'Sở Tư pháp tỉnh Thử Nghiệm' }),
    }),
  );
  const bad = files.filter({ hasText: 'giay-chung-sinh.pdf' });
  await expect(bad.getByTestId('signature-badge')).toHaveAttribute('data-state', 'invalid');
  await expect(bad.getByTestId('signature-reason').first()).toHaveText(errorMessage('SIG_DIGEST_MISMATCH'));

  await good.getByTestId('dossier-file-open').click();
  await expect(page.getByTestId('pdf-viewer')).toBeVisible();
});
