import { z } from 'zod';
import { ratingChoiceSchema } from '../../../shared/citizen-screen/satisfaction';
import { citizenChannels, isCitizenChannelName } from '../../../shared/ipc/citizen-contract';
import { AppError, fail, ok, type Result } from '../../../shared/ipc/result';
import type { Logger } from '../platform/logger';
import type { CitizenScreenService } from './citizen-screen-service';

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => issue.path.join('.') || '(dữ liệu)').join(', ');
}

/**
 * The only way in from the citizen's window: its two channels, checked against the citizen contract.
 * No session is involved — the citizen signs in to nothing — and no officer channel is reachable.
 */
export function createCitizenDispatcher(screen: CitizenScreenService, log: Logger) {
  return async function dispatchCitizen(channel: string, rawInput: unknown): Promise<Result<unknown>> {
    if (!isCitizenChannelName(channel)) return fail('UNKNOWN_CHANNEL');
    const parsed = citizenChannels[channel].input.safeParse(rawInput ?? {});
    if (!parsed.success) return fail('INVALID_INPUT', { details: describeIssues(parsed.error) });
    try {
      if (channel === 'citizen.current') return ok(screen.current());
      const { token, ...answer } = parsed.data as z.output<(typeof citizenChannels)['citizen.rate']['input']>;
      const choice = ratingChoiceSchema.safeParse(answer);
      if (!choice.success) return fail('CITIZEN_RATING_REASONS_NEEDED');
      screen.rate(token, choice.data);
      return ok({});
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toData() };
      log(`citizen channel ${channel} failed`, error);
      return fail('INTERNAL');
    }
  };
}
