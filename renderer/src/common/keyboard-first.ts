import { useEffect } from 'react';

/**
 * Keyboard-first entry at the counter (issue 13 point 2), installed once at the root of the app.
 *
 * The small buttons antd draws inside fields — the × that clears a date or a select, the eye of a
 * password — are reachable with Tab, and Enter on them erases what was just typed: they leave the
 * Tab order and ignore Enter and Space (the mouse still reaches them). A dialog that takes the focus
 * puts it in its first field rather than on its frame or its × button.
 */
export const FIELD_ACCESSORIES = '.ant-picker-clear, .ant-select-clear, .ant-input-clear-icon, .ant-input-password-icon';

const FIELDS = 'input:not([type=hidden]):not([disabled]):not([readonly]):not([tabindex="-1"]), textarea:not([disabled]):not([readonly])';
const DIALOG_FRAME = '.ant-modal-content, .ant-modal-section, .ant-modal-close, [role="dialog"]';

export function takeAccessoriesOutOfTabOrder(root: ParentNode): void {
  for (const element of Array.from(root.querySelectorAll<HTMLElement>(FIELD_ACCESSORIES))) {
    if (element.tabIndex !== -1) element.tabIndex = -1;
  }
}

/** Enter or Space on a focused accessory does nothing: the value stays. */
export function blockAccessoryKeys(event: KeyboardEvent): void {
  if (event.key !== 'Enter' && event.key !== ' ') return;
  const target = event.target;
  if (target instanceof Element && target.matches(FIELD_ACCESSORIES)) {
    event.preventDefault();
    event.stopPropagation();
  }
}

/** Focus that lands on a dialog's frame or close button moves to the dialog's first field, when it has one. */
export function focusFirstFieldOfDialog(event: FocusEvent): void {
  const target = event.target;
  if (!(target instanceof HTMLElement) || !target.matches(DIALOG_FRAME)) return;
  const dialog = target.closest('.ant-modal') ?? target;
  const field = dialog.querySelector<HTMLElement>(FIELDS);
  if (field && field !== target) field.focus();
}

export function useKeyboardFirst(): void {
  useEffect(() => {
    takeAccessoriesOutOfTabOrder(document.body);
    const observer = new MutationObserver(() => takeAccessoriesOutOfTabOrder(document.body));
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['tabindex'] });
    document.addEventListener('keydown', blockAccessoryKeys, true);
    document.addEventListener('focusin', focusFirstFieldOfDialog, true);
    return () => {
      observer.disconnect();
      document.removeEventListener('keydown', blockAccessoryKeys, true);
      document.removeEventListener('focusin', focusFirstFieldOfDialog, true);
    };
  }, []);
}
