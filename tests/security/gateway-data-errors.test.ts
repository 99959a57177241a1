import { describe, expect, it } from 'vitest';
import { isDataError } from '../../central/errors';

/** Which database errors are a command's own (its final rejection) and which are the gateway's (the batch fails). */
describe('isDataError', () => {
  const pgError = (code: string) => Object.assign(new Error('pg'), { code });

  it('takes PostgreSQL data exceptions and integrity violations as the command’s, also when wrapped', () => {
    expect(isDataError(pgError('22P05'))).toBe(true);
    expect(isDataError(pgError('22021'))).toBe(true);
    expect(isDataError(pgError('23505'))).toBe(true);
    expect(isDataError(new Error('Failed query', { cause: pgError('22P02') }))).toBe(true);
  });

  it('leaves connection, serialisation and unknown errors to fail the batch', () => {
    expect(isDataError(pgError('08006'))).toBe(false);
    expect(isDataError(pgError('40001'))).toBe(false);
    expect(isDataError(new Error('socket hang up'))).toBe(false);
    expect(isDataError('22P05')).toBe(false);
  });
});
