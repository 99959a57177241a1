import { z } from 'zod';

/**
 * The admin's settings of the citizen-facing screen: the display its window opens on (null: no
 * citizen window) and how long each state stays before the screen clears itself.
 */
export const citizenScreenSettingsSchema = z.object({
  /** Electron's Display.id of the monitor facing the citizen. */
  displayId: z.number().int().nullable(),
  draftSeconds: z.number().int().min(30).max(3600),
  ratingSeconds: z.number().int().min(10).max(600),
  thanksSeconds: z.number().int().min(1).max(60),
});
export type CitizenScreenSettings = z.infer<typeof citizenScreenSettingsSchema>;

export const DEFAULT_CITIZEN_SCREEN_SETTINGS: CitizenScreenSettings = {
  displayId: null,
  draftSeconds: 600,
  ratingSeconds: 60,
  thanksSeconds: 5,
};

/** A monitor as the admin chooses it; `primary` is where the officer's window usually is. */
export const displayInfoSchema = z.object({
  id: z.number().int(),
  label: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  primary: z.boolean(),
});
export type DisplayInfo = z.infer<typeof displayInfoSchema>;
