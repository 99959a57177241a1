import { describe, expect, it } from 'vitest';
import type { CitizenDraft } from '../../../../shared/citizen-screen/citizen-view';
import { ratingChoiceSchema, storedReasons } from '../../../../shared/citizen-screen/satisfaction';
import {
  BLANK,
  citizenView,
  clearsAt,
  nextScreen,
  openQuestion,
  timeoutsFromSeconds,
  type RatingQuestion,
  type ScreenAction,
  type ScreenState,
} from '../../../../shared/citizen-screen/screen-state';

const timeouts = timeoutsFromSeconds({ draftSeconds: 600, ratingSeconds: 60, thanksSeconds: 5 });

const draft = (ownerName: string): CitizenDraft => ({
  procedureCode: '1.001193',
  procedureName: 'Đăng ký khai sinh',
  ownerName,
  components: [{ name: 'Tờ khai đăng ký khai sinh', originals: 1, copies: 0, pages: 1 }],
  fees: [{ name: 'Lệ phí', amount: 8000 }],
  totalFee: 8000,
  dueLocal: '2026-12-08T16:30',
});

const question = (token: string, dossierId = 'd1'): RatingQuestion => ({
  token,
  dossierId,
  dossierCode: '000.00.06.H56-261206-0001',
  dueLocal: '2026-12-08T16:30',
  stage: 'reception',
  officerId: 'officer-1',
});

const run = (actions: ScreenAction[], from: ScreenState = BLANK) =>
  actions.reduce((state, action) => nextScreen(state, action, timeouts), from);

describe('citizen screen state', () => {
  it('shows the draft until the draft timeout, then is blank', () => {
    const shown = run([{ type: 'showDraft', draft: draft('Nguyễn Văn An'), now: 0 }]);
    expect(clearsAt(shown)).toBe(600_000);
    expect(run([{ type: 'tick', now: 599_999 }], shown)).toBe(shown);
    expect(run([{ type: 'tick', now: 600_000 }], shown)).toEqual(BLANK);
  });

  it('each update of the draft starts its timeout again', () => {
    const state = run([
      { type: 'showDraft', draft: draft('Nguyễn Văn An'), now: 0 },
      { type: 'showDraft', draft: draft('Nguyễn Văn An'), now: 500_000 },
      { type: 'tick', now: 700_000 },
    ]);
    expect(state.kind).toBe('draft');
    expect(clearsAt(state)).toBe(1_100_000);
  });

  it('a new citizen replaces the previous one: a pending rating question is gone with the next draft', () => {
    const state = run([
      { type: 'askRating', question: question('t1'), now: 0 },
      { type: 'showDraft', draft: draft('Trần Thị Bình'), now: 1_000 },
    ]);
    expect(citizenView(state)).toEqual({ kind: 'draft', draft: draft('Trần Thị Bình') });
    expect(openQuestion(state, 't1')).toBeNull();
  });

  it('the officer clearing the form blanks the screen at once', () => {
    expect(run([{ type: 'showDraft', draft: draft('Nguyễn Văn An'), now: 0 }, { type: 'clear' }])).toEqual(BLANK);
  });

  it('takes a rating only for the question on screen, thanks, and clears after the thank-you', () => {
    const asked = run([{ type: 'askRating', question: question('t1'), now: 0 }]);
    expect(run([{ type: 'rated', token: 'stale', now: 10 }], asked)).toBe(asked);
    const thanked = run([{ type: 'rated', token: 't1', now: 10_000 }], asked);
    expect(thanked).toEqual({ kind: 'thanks', clearsAt: 15_000 });
    expect(run([{ type: 'rated', token: 't1', now: 11_000 }], thanked)).toBe(thanked);
    expect(run([{ type: 'tick', now: 15_000 }], thanked)).toEqual(BLANK);
  });

  it('an unanswered question clears after the rating timeout', () => {
    const asked = run([{ type: 'askRating', question: question('t1'), now: 0 }]);
    expect(run([{ type: 'tick', now: 59_999 }], asked).kind).toBe('rating');
    expect(run([{ type: 'tick', now: 60_000 }], asked)).toEqual(BLANK);
  });

  it('never sends ids or deadlines to the screen', () => {
    const view = citizenView(run([{ type: 'askRating', question: question('t1', 'secret-dossier-id'), now: 0 }]));
    expect(view).toEqual({
      kind: 'rating',
      token: 't1',
      stage: 'reception',
      dossierCode: '000.00.06.H56-261206-0001',
      dueLocal: '2026-12-08T16:30',
    });
    expect(JSON.stringify(view)).not.toMatch(/secret-dossier-id|officer-1|clearsAt/);
    expect(clearsAt(BLANK)).toBeNull();
  });
});

describe('rating choice', () => {
  it('needs reasons with "not satisfied" and none otherwise', () => {
    expect(ratingChoiceSchema.safeParse({ rating: 'dissatisfied', reasons: [] }).success).toBe(false);
    expect(ratingChoiceSchema.safeParse({ rating: 'satisfied', reasons: ['guidance'] }).success).toBe(false);
    expect(ratingChoiceSchema.safeParse({ rating: 'neutral' }).success).toBe(true);
    expect(ratingChoiceSchema.safeParse({ rating: 'dissatisfied', reasons: ['made-up'] }).success).toBe(false);
  });

  it('stores reasons once each, in the criteria order', () => {
    const choice = ratingChoiceSchema.parse({ rating: 'dissatisfied', reasons: ['staffConduct', 'guidance', 'staffConduct'] });
    expect(storedReasons(choice)).toBe('["guidance","staffConduct"]');
  });
});
