/**
 * Child process of tests/security/f07-file-sealing.test.ts: seals the plain file store of the data folder it is given
 * (issue 17 finding 7) and prints a line after each file renamed sealed, until the parent kills it with SIGKILL.
 */
import { fileAtRestKeys } from '../../../electron/core/platform/data-at-rest-key';
import { encryptFileStoreInPlace } from '../../../electron/core/platform/file-store';

const dataDir = process.argv[2]!;
encryptFileStoreInPlace(dataDir, fileAtRestKeys(dataDir).files, (step) => {
  if (step === 'renamed') process.stdout.write('sealed\n');
});
process.stdout.write('finished\n');
