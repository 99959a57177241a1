import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { startHarness } from '../../electron/core/harness/start-harness';
import { errorMessage, formatMessage, uiText } from '../../shared/i18n/vi';
import { EsclPeer } from '../peers/escl-peer';
import { MdnsResponder } from '../peers/mdns-responder';
import { SANE_TEST_CONFIG_DIR, scanTestPages } from '../peers/sane-test-backend';
import { ADMIN, expect, navigation, seedAdmin, signIn, test as base } from './support/fixtures';
import { pickBirthRegistration, seedCounter } from './support/reception';

const text = uiText.devices.scanners;
const PROFILE = 'Giấy tờ xám, mặt kính';

/**
 * The harness as the app runs it (scanners from the admin's settings), with SANE's test backend,
 * an eSCL peer on loopback and an mDNS responder that advertises it.
 */
const test = base.extend<{ peer: EsclPeer; responder: MdnsResponder }>({
  // eslint-disable-next-line no-empty-pattern
  peer: async ({}, use) => {
    const peer = await EsclPeer.start(await scanTestPages(1, 200));
    await use(peer);
    await peer.close();
  },
  responder: async ({ peer }, use) => {
    const port = Number(new URL(peer.url).port);
    const responder = await MdnsResponder.start([
      { instance: 'Quay Test eSCL Scanner', host: 'scanner.local', address: '127.0.0.1', port, rs: 'eSCL', ty: 'Quay Test eSCL Scanner' },
    ]);
    await use(responder);
    await responder.close();
  },
  harness: async ({ responder }, use) => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'quay-e2e-scan-settings-'));
    const harness = await startHarness({
      dataDir,
      passwordCost: 'fast',
      appVersion: '0.1.0-e2e',
      digitize: {
        scannerDrivers: {
          platform: 'linux',
          sane: { env: { SANE_CONFIG_DIR: SANE_TEST_CONFIG_DIR } },
          escl: { devices: [], retryDelayMs: 10 },
          esclDiscovery: { target: responder.target, waitMs: 500 },
        },
      },
    });
    try {
      await use(harness);
    } finally {
      await harness.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
});

/** Opens an antd Select and picks the option with this title from the dropdown now showing. */
async function pick(page: Page, select: Locator, title: string): Promise<void> {
  await select.click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle(title, { exact: true }).click();
}

test('the admin adds a profile, finds the eSCL scanner, types a hot folder, makes them the counter default, tests them, and the reception scan bar preselects them', async ({
  page,
  harness,
  peer,
}) => {
  await seedAdmin(harness);
  await seedCounter(harness);
  await page.goto(harness.url);
  await signIn(page, ADMIN);
  await navigation(page).getByRole('menuitem', { name: uiText.nav.admin }).click();
  await page.getByRole('tab', { name: uiText.devices.tab }).click();
  const section = page.getByTestId('scan-settings');
  await expect(section.getByTestId('scan-profile-row')).toHaveCount(1);

  // A second profile: 200 dpi grey from the flatbed.
  await section.getByTestId('add-scan-profile').click();
  const row = section.getByTestId('scan-profile-row').nth(1);
  await row.getByLabel(text.profileName).fill(PROFILE);
  await pick(page, row.getByLabel(text.resolution), '200 dpi');
  await pick(page, row.getByLabel(text.colorMode), text.colorModes.gray);
  await pick(page, row.getByLabel(text.source), text.sources.flatbed);
  await pick(page, section.getByTestId('default-scan-profile'), PROFILE);

  // The eSCL scanner found on the network; a hot folder typed as a path.
  await section.getByTestId('discover-scanners').click();
  const address = peer.url.replace(/\/$/, '');
  await expect(section.getByTestId('escl-addresses')).toContainText(address);
  const folder = await mkdtemp(path.join(os.tmpdir(), 'quay-e2e-drop-'));
  await section.getByTestId('hot-folders').getByRole('combobox').fill(folder);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect(section.getByTestId('hot-folders')).toContainText(folder);
  await section.getByTestId('save-scan-settings').click();
  await expect(page.getByText(text.saved)).toBeVisible();
  await expect(section).toContainText(formatMessage(text.found, { count: 4 }));

  // Once saved, the scanner is found and can be the counter's default.
  const eslcLabel = `Quay Test eSCL Scanner (${text.kinds.escl})`;
  await pick(page, section.getByTestId('default-scanner'), eslcLabel);
  await section.getByTestId('save-scan-settings').click();
  await expect(page.getByText(text.saved)).toHaveCount(1);

  // Test: one page with the new profile; then the feeder profile on an empty feeder says so in Vietnamese.
  await pick(page, section.getByTestId('test-scanner'), eslcLabel);
  await pick(page, section.getByTestId('test-scan-profile'), PROFILE);
  await section.getByTestId('test-scan').click();
  await expect(section.getByTestId('test-scan-result')).toContainText('Đã quét thử 1 trang');
  await expect(section.getByTestId('test-scan-result')).toContainText('200 dpi');
  peer.setFaults({ feederEmpty: true });
  await pick(page, section.getByTestId('test-scan-profile'), 'Tiêu chuẩn (300 dpi, màu, khay nạp giấy)');
  await section.getByTestId('test-scan').click();
  await expect(section.getByTestId('test-scan-error')).toHaveText(
    errorMessage('SCANNER_FEEDER_EMPTY', { scanner: 'Quay Test eSCL Scanner' }),
  );
  peer.setFaults({});

  // The reception scan bar starts with the counter's default scanner and profile; SANE's test scanners are offered too.
  await navigation(page).getByRole('menuitem', { name: uiText.nav.reception }).click();
  await pickBirthRegistration(page, 'dang ky khai sinh');
  await expect(page.getByTestId('scanner-select')).toContainText('Quay Test eSCL Scanner');
  await expect(page.getByTestId('scan-profile-select')).toContainText(PROFILE);
  await page.getByTestId('scanner-select').click();
  await expect(
    page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle('Noname frontend-tester').first(),
  ).toBeVisible();
  await rm(folder, { recursive: true, force: true });
});
