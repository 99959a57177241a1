import type { CitizenDraft, CitizenScreen } from './citizen-view';
import type { RatingStage } from './satisfaction';

/**
 * The citizen-facing screen's state machine, pure so its clearing rules are tested without timers
 * (docs/architecture.md §3.2). The screen never shows one citizen's data to the next:
 * every state but blank carries the moment it clears by itself, a new draft or rating question
 * replaces whatever was shown, and the officer's reset clears it at once.
 */
export interface ScreenTimeouts {
  /** A draft the officer stopped updating (the citizen left, the form was abandoned). */
  draftMs: number;
  /** A rating question nobody answered. */
  ratingMs: number;
  /** The thank-you after a rating. */
  thanksMs: number;
}

export const DEFAULT_SCREEN_TIMEOUTS: ScreenTimeouts = { draftMs: 10 * 60_000, ratingMs: 60_000, thanksMs: 5_000 };

export interface RatingQuestion {
  /** One-time: a rating is taken only for the question on screen, never a stale one. */
  token: string;
  dossierId: string;
  dossierCode: string;
  dueLocal: string | null;
  stage: RatingStage;
  officerId: string | null;
}

export type ScreenState =
  | { kind: 'blank' }
  | { kind: 'draft'; draft: CitizenDraft; clearsAt: number }
  | { kind: 'rating'; question: RatingQuestion; clearsAt: number }
  | { kind: 'thanks'; clearsAt: number };

export type ScreenAction =
  | { type: 'showDraft'; draft: CitizenDraft; now: number }
  | { type: 'askRating'; question: RatingQuestion; now: number }
  | { type: 'rated'; token: string; now: number }
  | { type: 'clear' }
  | { type: 'tick'; now: number };

export const BLANK: ScreenState = { kind: 'blank' };

export function nextScreen(state: ScreenState, action: ScreenAction, timeouts: ScreenTimeouts): ScreenState {
  switch (action.type) {
    case 'showDraft':
      return { kind: 'draft', draft: action.draft, clearsAt: action.now + timeouts.draftMs };
    case 'askRating':
      return { kind: 'rating', question: action.question, clearsAt: action.now + timeouts.ratingMs };
    case 'rated':
      if (state.kind !== 'rating' || state.question.token !== action.token) return state;
      return { kind: 'thanks', clearsAt: action.now + timeouts.thanksMs };
    case 'clear':
      return BLANK;
    case 'tick':
      return state.kind !== 'blank' && action.now >= state.clearsAt ? BLANK : state;
  }
}

/** When the screen clears by itself; null when it is blank already. */
export function clearsAt(state: ScreenState): number | null {
  return state.kind === 'blank' ? null : state.clearsAt;
}

/** The question a rating with this token answers, if it is the one on screen. */
export function openQuestion(state: ScreenState, token: string): RatingQuestion | null {
  return state.kind === 'rating' && state.question.token === token ? state.question : null;
}

/** What the screen is sent: the state without ids or deadlines. */
export function citizenView(state: ScreenState): CitizenScreen {
  switch (state.kind) {
    case 'blank':
    case 'thanks':
      return { kind: state.kind };
    case 'draft':
      return { kind: 'draft', draft: state.draft };
    case 'rating': {
      const { token, stage, dossierCode, dueLocal } = state.question;
      return { kind: 'rating', token, stage, dossierCode, dueLocal };
    }
  }
}

/** Seconds to milliseconds for the admin's settings, which are whole seconds. */
export function timeoutsFromSeconds(seconds: { draftSeconds: number; ratingSeconds: number; thanksSeconds: number }): ScreenTimeouts {
  return { draftMs: seconds.draftSeconds * 1000, ratingMs: seconds.ratingSeconds * 1000, thanksMs: seconds.thanksSeconds * 1000 };
}
