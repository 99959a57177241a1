/**
 * What closing the working day — or signing out — must tell the officer about the sync queue
 * (issue 6 §7): everything is at the province; something still waits (with how much the province
 * refused, which "Đồng bộ ngay" cannot clear); or the counter is not enrolled, so the queue simply
 * stays on this machine until it is. Nothing is lost in any case: the queue is on disk.
 */
export interface CloseDayStatus {
  enrolled: boolean;
  pendingCommands: number;
  pendingFiles: number;
  failures: readonly unknown[];
  lastError: { message: string } | null;
}

export type CloseDayCheck =
  | { kind: 'clear' }
  | { kind: 'pending'; commands: number; files: number; refused: number; lastError: string | null }
  | { kind: 'notEnrolled'; commands: number; files: number };

export function closeDayCheck(status: CloseDayStatus): CloseDayCheck {
  const commands = status.pendingCommands;
  const files = status.pendingFiles;
  if (commands + files === 0) return { kind: 'clear' };
  if (!status.enrolled) return { kind: 'notEnrolled', commands, files };
  return { kind: 'pending', commands, files, refused: status.failures.length, lastError: status.lastError?.message ?? null };
}

/** Signing out asks first only when a sync could still send something; otherwise it just signs out. */
export function signOutNeedsWarning(check: CloseDayCheck): boolean {
  return check.kind === 'pending';
}
