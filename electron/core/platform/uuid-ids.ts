import { v7 } from 'uuid';

/** UUIDv7: time-ordered, so ids sort by creation and index well (docs/architecture.md §5). */
export const newId = (): string => v7();
