/**
 * Where the pages of one scan batch go (issue 3 §5). Pages start in the slot the officer selected;
 * a separator sheet switches the rest of the batch to the component it names. Capture asks for the
 * slot it knows now; cleanup, which reads the separators in paper order, has the final word.
 */
export class BatchRouter {
  private current: string;
  private insertAt: number | null;
  separators = 0;

  constructor(selectedComponent: string, insertAt: number | null) {
    this.current = selectedComponent;
    this.insertAt = insertAt;
  }

  get component(): string {
    return this.current;
  }

  /** The position for the next captured page when inserting, advancing past it; null = append. */
  takeInsertPosition(): number | null {
    if (this.insertAt === null) return null;
    return this.insertAt++;
  }

  separatorFound(componentCode: string): void {
    this.separators++;
    this.current = componentCode;
    // After a separator the pages belong at the end of their new slot, not at the insert point.
    this.insertAt = null;
  }
}
