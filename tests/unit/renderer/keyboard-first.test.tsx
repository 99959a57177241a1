import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs from 'dayjs';
import { afterEach, describe, expect, it } from 'vitest';
import { foldedOptionFilter } from '../../../renderer/src/common/folded-filter';
import { FIELD_ACCESSORIES, useKeyboardFirst } from '../../../renderer/src/common/keyboard-first';
import { keysOf, SHORTCUTS, shortcutFor, type ShortcutKey } from '../../../renderer/src/common/shortcuts';

afterEach(cleanup);

function KeyboardFirst({ children }: { children: React.ReactNode }) {
  useKeyboardFirst();
  return <>{children}</>;
}

describe('field accessories leave the Tab order (issue 13 point 2)', () => {
  it('the × of a date and a select and the eye of a password are not Tab stops, and Enter on them keeps the value', async () => {
    render(
      <KeyboardFirst>
        <DatePicker defaultValue={dayjs('1990-05-14')} format="DD/MM/YYYY" allowClear />
        <Select defaultValue="male" allowClear options={[{ value: 'male', label: 'Nam' }]} />
        <Input.Password defaultValue="secret" />
      </KeyboardFirst>,
    );
    await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
    const accessories = Array.from(document.querySelectorAll<HTMLElement>(FIELD_ACCESSORIES));
    expect(accessories.length).toBeGreaterThanOrEqual(3);
    for (const element of accessories) expect(element.tabIndex).toBe(-1);

    const clear = document.querySelector<HTMLElement>('.ant-picker-clear')!;
    clear.focus();
    fireEvent.keyDown(clear, { key: 'Enter' });
    expect(screen.getByDisplayValue('14/05/1990')).toBeTruthy();
  });

  it('a dialog that focuses its frame gives the focus to its first field', async () => {
    render(
      <KeyboardFirst>
        <Modal open title="Lý do" transitionName="" maskTransitionName="">
          <Form>
            <Input data-testid="reason" />
          </Form>
        </Modal>
      </KeyboardFirst>,
    );
    await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
    document.querySelector<HTMLElement>('.ant-modal-close')!.focus();
    expect(document.activeElement).toBe(screen.getByTestId('reason'));
  });
});

describe('the sex select understands typing without tones', () => {
  it('"nu" finds Nữ only, "nam" finds Nam only', () => {
    expect(foldedOptionFilter('nu', { label: 'Nữ' })).toBe(true);
    expect(foldedOptionFilter('nu', { label: 'Nam' })).toBe(false);
    expect(foldedOptionFilter('NAM', { label: 'Nam' })).toBe(true);
    expect(foldedOptionFilter('nam', { label: 'Nữ' })).toBe(false);
  });
});

describe('shortcuts', () => {
  const key = (key: string, extra: Partial<ShortcutKey> = {}): ShortcutKey => ({
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    target: document.body,
    ...extra,
  });

  it('maps the keys to the counter’s actions', () => {
    expect(shortcutFor(key('F2'))).toBe('newDossier');
    expect(shortcutFor(key('F3'))).toBe('focusCard');
    expect(shortcutFor(key('F4'))).toBe('check');
    expect(shortcutFor(key('F9'))).toBe('accept');
    expect(shortcutFor(key('p', { ctrlKey: true }))).toBe('printReceipt');
    expect(shortcutFor(key('F6'))).toBe('openReturn');
    expect(shortcutFor(key('f', { ctrlKey: true }))).toBe('openLookup');
    expect(shortcutFor(key('F1'))).toBe('help');
  });

  it('"?" opens the help outside a field but is a character inside one; plain letters are never shortcuts', () => {
    expect(shortcutFor(key('?'))).toBe('help');
    expect(shortcutFor(key('?', { target: document.createElement('input') }))).toBeNull();
    expect(shortcutFor(key('p'))).toBeNull();
    expect(shortcutFor(key('F2', { altKey: true }))).toBeNull();
  });

  it('every action has one key', () => {
    expect(new Set(SHORTCUTS.map((s) => s.keys)).size).toBe(SHORTCUTS.length);
    expect(keysOf('accept')).toBe('F9');
  });
});
