/**
 * Child process of the crash-recovery test: starts a real core on the given data folder, scans a
 * 50-page batch from a slow scripted feeder and prints one line per page stored, until the parent
 * kills it with SIGKILL.
 */
import { fakePipeline, pagePng, ScriptedBarcodes, ScriptedScanner } from '../../helpers/digitize-fakes';
import { KHAI_SINH, startReception } from '../../helpers/test-core';

const dataDir = process.argv[2]!;
const scanner = new ScriptedScanner();
scanner.delayMs = 150;
scanner.batches.push(await Promise.all(Array.from({ length: 50 }, async (_, i) => ({ png: await pagePng(i) }))));
const t = await startReception({ dataDir, digitize: fakePipeline(scanner, new ScriptedBarcodes()) });
const { sessionId } = await t.must('admin-window', 'scan.openSession', { procedureCode: KHAI_SINH });
process.stdout.write(`session ${sessionId}\n`);
t.core.onEvent((_client, event, payload) => {
  const { page, removed } = payload as { page: { state: string; position: number }; removed: boolean };
  if (event === 'scan.page' && !removed && page.state === 'captured') process.stdout.write(`captured ${page.position}\n`);
});
await t.must('admin-window', 'scan.start', { sessionId, componentCode: 'TP01', scanner: { kind: 'sane', id: 'test:0' } });
process.stdout.write('finished\n');
