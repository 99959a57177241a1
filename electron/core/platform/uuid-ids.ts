import { v7 } from 'uuid';

/** UUIDv7: time-ordered, so ids sort by creation and index well (DESIGN §5). */
export const newId = (): string => v7();
