import type { DossierRatingRepository } from '../../../db/repositories/dossier-rating-repository';
import type { OutboxRepository } from '../../../db/repositories/outbox-repository';
import type { SettingsRepository } from '../../../db/repositories/settings-repository';
import {
  citizenScreenSettingsSchema,
  DEFAULT_CITIZEN_SCREEN_SETTINGS,
  type CitizenScreenSettings,
  type DisplayInfo,
} from '../../../shared/citizen-screen/citizen-screen-settings';
import type { CitizenDraft, CitizenScreen } from '../../../shared/citizen-screen/citizen-view';
import { storedReasons, type RatingChoice, type RatingStage } from '../../../shared/citizen-screen/satisfaction';
import {
  BLANK,
  citizenView,
  clearsAt,
  nextScreen,
  openQuestion,
  timeoutsFromSeconds,
  type ScreenAction,
  type ScreenState,
} from '../../../shared/citizen-screen/screen-state';
import { AppError } from '../../../shared/ipc/result';
import type { ReceptionDraft } from '../../../shared/reception/draft';
import type { DossierRatedPayload } from '../../../shared/sync/protocol';
import type { AuditActor, AuditService } from '../audit/audit-service';
import type { Clock } from '../platform/clock';

const SETTINGS_KEY = 'citizenScreen';

/** Fires `fire` once at `atMs` (clock milliseconds); the returned function cancels it. Tests fire it themselves. */
export type ScreenTimer = (atMs: number, fire: () => void) => () => void;

export function realScreenTimer(clock: Clock): ScreenTimer {
  return (atMs, fire) => {
    const timer = setTimeout(fire, Math.max(0, atMs - clock.now().getTime()));
    timer.unref();
    return () => clearTimeout(timer);
  };
}

/**
 * Where the citizen's window is: Electron main lists the monitors and places the window on the one
 * the admin chose (docs/architecture.md §3.2). Absent in the harness and the CLI, where
 * the citizen screen is a second browser page.
 */
export interface CitizenWindowHost {
  displays(): Promise<DisplayInfo[]>;
  place(displayId: number | null): void;
}

export interface CitizenScreenDeps {
  ratings: DossierRatingRepository;
  outbox: OutboxRepository;
  settings: SettingsRepository;
  audit: AuditService;
  clock: Clock;
  timer: ScreenTimer;
  newId: () => string;
  transaction: <T>(work: () => T) => T;
  /** The reception draft as the citizen should check it (procedure, components received, fees, due date). */
  preview: (draft: ReceptionDraft) => CitizenDraft;
  /** The device id the gateway knows this counter by; null before enrolment. */
  counterId: () => string | null;
  /** A rating was queued for the province: push it soon. */
  pushSoon: () => void;
  /** Sends what the screen shows to the citizen's window, and only there. */
  emit: (screen: CitizenScreen) => void;
  host?: CitizenWindowHost;
}

export interface RatedDossier {
  id: string;
  code: string;
  dueLocal: string | null;
}

/**
 * The citizen-facing screen (issue 18 §2): the officer's reception form shows its draft there, the
 * core asks for a rating once a dossier is accepted or its result handed over, and the rating is
 * stored with the dossier and queued for the province in one transaction. The screen clears itself
 * after the admin's timeouts (shared/citizen-screen/screen-state.ts) and whenever a new citizen starts.
 */
export class CitizenScreenService {
  private state: ScreenState = BLANK;
  private cancelTimer: (() => void) | null = null;

  constructor(private readonly deps: CitizenScreenDeps) {}

  /** Main has started (or restarted): the window goes where the settings say. */
  placeWindow(): void {
    this.deps.host?.place(this.settings().displayId);
  }

  current(): CitizenScreen {
    return citizenView(this.state);
  }

  showDraft(draft: ReceptionDraft): void {
    this.apply({ type: 'showDraft', draft: this.deps.preview(draft), now: this.now() });
  }

  askRating(dossier: RatedDossier, stage: RatingStage, officerId: string | null): void {
    const question = {
      token: this.deps.newId(),
      dossierId: dossier.id,
      dossierCode: dossier.code,
      dueLocal: dossier.dueLocal,
      stage,
      officerId,
    };
    this.apply({ type: 'askRating', question, now: this.now() });
  }

  clear(): void {
    this.apply({ type: 'clear' });
  }

  /**
   * The citizen's answer to the question on screen. A token that is not the open question's (the
   * screen cleared, the next citizen came) is refused, so no rating lands on another dossier.
   */
  rate(token: string, choice: RatingChoice): void {
    const question = openQuestion(this.state, token);
    if (!question) throw new AppError('CITIZEN_RATING_CLOSED');
    const ratedAt = this.deps.clock.now().toISOString();
    const id = this.deps.newId();
    const queued = this.deps.transaction(() => {
      const kept = this.deps.ratings.insert({
        id,
        dossierId: question.dossierId,
        stage: question.stage,
        rating: choice.rating,
        reasons: storedReasons(choice),
        ratedAt,
        counterId: this.deps.counterId(),
        officerId: question.officerId,
      });
      if (!kept) return false;
      const payload: DossierRatedPayload = {
        code: question.dossierCode,
        rating: { id, stage: question.stage, rating: choice.rating, reasons: choice.reasons, ratedAt, officerId: question.officerId },
      };
      this.deps.outbox.append({ id: this.deps.newId(), dossierId: question.dossierId, kind: 'dossier.rated', payload, createdAt: ratedAt });
      return true;
    });
    this.apply({ type: 'rated', token, now: this.now() });
    if (queued) this.deps.pushSoon();
  }

  ratingsOf(
    dossierId: string,
  ): Array<{ stage: RatingStage; rating: RatingChoice['rating']; reasons: RatingChoice['reasons']; ratedAt: string }> {
    return this.deps.ratings.forDossier(dossierId).map(({ stage, rating, reasons, ratedAt }) => ({ stage, rating, reasons, ratedAt }));
  }

  settings(): CitizenScreenSettings {
    const parsed = citizenScreenSettingsSchema.safeParse(this.deps.settings.get(SETTINGS_KEY));
    return parsed.success ? parsed.data : DEFAULT_CITIZEN_SCREEN_SETTINGS;
  }

  async displays(): Promise<DisplayInfo[]> {
    return (await this.deps.host?.displays()) ?? [];
  }

  updateSettings(actor: AuditActor, input: CitizenScreenSettings): CitizenScreenSettings {
    const settings = citizenScreenSettingsSchema.parse(input);
    this.deps.transaction(() => {
      this.deps.settings.set(SETTINGS_KEY, settings, this.deps.clock.now().toISOString());
      this.deps.audit.record(actor, 'admin.citizenScreenChanged', null, { ...settings });
    });
    this.deps.host?.place(settings.displayId);
    return settings;
  }

  /** Stops the clearing timer (the core is closing). */
  close(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }

  private apply(action: ScreenAction): void {
    const before = this.state;
    this.state = nextScreen(this.state, action, timeoutsFromSeconds(this.settings()));
    const changed = this.state !== before;
    // A Node timer may fire a millisecond before the wall clock reaches its deadline: the tick then
    // changes nothing, and without a new timer the screen would keep the last citizen's page.
    if (!changed && action.type !== 'tick') return;
    this.cancelTimer?.();
    this.cancelTimer = null;
    const at = clearsAt(this.state);
    if (at !== null) this.cancelTimer = this.deps.timer(at, () => this.apply({ type: 'tick', now: this.now() }));
    if (changed) this.deps.emit(citizenView(this.state));
  }
}
