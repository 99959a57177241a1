// date-chinese has types, but its package.json "exports" hides them from TypeScript; these are the
// calls the calendar service makes.
declare module 'date-chinese' {
  export class CalendarVietnamese {
    newYear(gregorianYear: number): number;
    fromJDE(jde: number): this;
    get(): [number, number, number, boolean, number];
    set(cycle: number, year: number, month: number, leap: boolean, day: number): this;
    toGregorian(): { year: number; month: number; day: number };
  }
  export class CalendarChinese extends CalendarVietnamese {}
}
