import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useState } from 'react';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import type { StoredFile } from '../../../../shared/reception/draft';
import { api } from '../../api';
import { SignKeyDialog, type KeyChoice } from './SignKeyDialog';

const text = uiText.signing;

/**
 * Signs the result PDFs digitized at the return desk in one session, as the components are signed at
 * reception (docs/devices.md §7.6): the signed copies replace the files before the hand-over is
 * confirmed, so the results kept and sent are the signed ones.
 */
export function ResultSigning({ files, onSigned }: { files: StoredFile[]; onSigned: (replace: (file: StoredFile) => StoredFile) => void }) {
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const pdfs = files.filter((file) => file.mediaType === 'application/pdf');
  if (pdfs.length === 0) return null;

  const sign = async (key: KeyChoice): Promise<string[]> => {
    const result = await api.signing.signFiles({
      files: pdfs.map((file) => ({ sha256: file.sha256, fileName: file.fileName })),
      purpose: 'result',
      key,
    });
    if (!result.ok) return [result.error.message];
    const signed = new Map(result.value.signed.map((entry) => [entry.from, entry.file]));
    if (signed.size > 0) onSigned((file) => signed.get(file.sha256) ?? file);
    const problems = result.value.failed.map((f) => formatMessage(text.failedFile, { file: f.fileName, message: f.error.message }));
    setErrors(problems);
    return problems;
  };

  return (
    <>
      <Button icon={<SafetyCertificateOutlined />} onClick={() => setOpen(true)} data-testid="return-sign-results">
        {text.signResults}
      </Button>
      {!open && errors.map((message) => <Alert key={message} type="error" showIcon title={message} />)}
      <SignKeyDialog open={open} title={text.signResultsTitle} onClose={() => setOpen(false)} onSign={sign} />
    </>
  );
}
