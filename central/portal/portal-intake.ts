import type { CentralDb } from '../db/open';
import { takeInOnlineDossier } from '../online/online-dossiers';
import { portalSubmissionIntake } from '../online/portal-submission';
import { fetchDueSubmittedFiles, type SubmittedFileFetcherOptions, type SubmittedFilesPass } from '../online/submitted-files';
import type { DvcqgClient } from './dvcqg-client';
import { startBackgroundLoop, type BackgroundLoop } from '../background-loop';

/** The portal's operation listing what citizens filed online, from a position on (tests/peers/dvcqg-portal-simulator.ts). */
export const PORTAL_SUBMISSIONS_SERVICE = 'LayHoSoNopTrucTuyen';

export interface PortalIntakeOptions {
  db: CentralDb;
  client: DvcqgClient;
  /** The agency whose counters check what this portal account receives. */
  agencyCode: string;
  /** Messages without personal data: counts, positions, the portal's error. */
  log?: (message: string) => void;
  /** Where the files the submissions link to are kept, and how they are fetched (central/online/submitted-files.ts). */
  files?: Omit<SubmittedFileFetcherOptions, 'db' | 'log'>;
}

export interface IntakePass {
  /** Newly taken in; a submission already taken in (a page read again) is not counted. */
  taken: number;
  /** Submissions that do not fit the portal's field rules (central/online/portal-submission.ts), left out. */
  refused: number;
  /** Where the next pass reads from. */
  next: number;
  /** The portal could not be asked; the same position is read next time. */
  error?: string;
  /** The files fetched in this pass, when the intake keeps files. */
  files?: SubmittedFilesPass;
}

/**
 * One pass of the online intake (issue 15 §1): reads the portal's online submissions from `from` on and
 * takes each into the agency's queue, once per portal id (takeInOnlineDossier), so reading a page again
 * after a restart or a lost answer adds nothing. The position is the caller's: a restarted gateway reads
 * from the start and only new submissions are added.
 */
export async function pullOnlineSubmissions(options: PortalIntakeOptions, from: number): Promise<IntakePass> {
  const log = options.log ?? (() => undefined);
  const answer = await options.client.call(PORTAL_SUBMISSIONS_SERVICE, { tuViTri: String(from) });
  if (!answer.ok) return { taken: 0, refused: 0, next: from, error: answer.error, ...(await fetchFiles(options)) };
  const page = Array.isArray(answer.data) ? answer.data : [];
  let taken = 0;
  let refused = 0;
  for (const [index, submission] of page.entries()) {
    let intake;
    try {
      intake = portalSubmissionIntake(submission, options.agencyCode);
    } catch {
      refused += 1;
      log(`online submission at position ${from + index} does not fit the portal's field rules; left out`);
      continue;
    }
    if ((await takeInOnlineDossier(options.db, intake)).created) taken += 1;
  }
  return { taken, refused, next: from + page.length, ...(await fetchFiles(options)) };
}

/**
 * The files of the dossiers taken in, and those still owed from earlier passes, fetched after the page is
 * recorded: a file the portal does not give yet leaves its dossier in the queue, marked unavailable, and is
 * tried again with backoff. A portal that cannot list submissions may still serve files.
 */
async function fetchFiles(options: PortalIntakeOptions): Promise<{ files?: SubmittedFilesPass }> {
  if (!options.files) return {};
  return { files: await fetchDueSubmittedFiles({ ...options.files, db: options.db, log: options.log }) };
}

export type RunningIntake = BackgroundLoop;

/** The serving gateway's loop: a pass, again at once while a page came back full of work, otherwise after `idleMs`. */
export function startPortalIntake(options: PortalIntakeOptions & { idleMs?: number }): RunningIntake {
  const log = options.log ?? (() => undefined);
  let position = 0;
  return startBackgroundLoop({
    name: 'online intake',
    pass: async () => {
      const done = await pullOnlineSubmissions(options, position);
      const busy = done.next > position;
      position = done.next;
      if (done.error) log(`online intake: portal not reached: ${done.error}`);
      if (done.taken > 0 || done.refused > 0) log(`online intake: ${done.taken} taken in, ${done.refused} left out`);
      if (done.files && done.files.stored + done.files.refused + done.files.retried > 0)
        log(`online intake files: ${done.files.stored} stored, ${done.files.refused} refused, ${done.files.retried} to try again`);
      return busy;
    },
    idleMs: options.idleMs ?? 30_000,
    log,
  });
}
