import { Flex, Modal, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import type { SubmittedFile } from '../../../../shared/online/online-queue-protocol';
import { api } from '../../api';
import { ErrorAlert } from '../../common/ErrorAlert';
import { PdfViewer } from '../../common/PdfViewer';

const text = uiText.onlineQueue.check;

/**
 * One file a citizen filed online, as the officer checks it (issue 15 §1): fetched through the core from the
 * gateway (online.file), a PDF in the app's PDF frame, a photo or scan as the page viewer shows a page.
 */
export function SubmittedFileViewer({ dossierId, file, onClose }: { dossierId: string; file: SubmittedFile; onClose: () => void }) {
  const [data, setData] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void api.online.file({ id: dossierId, sha256: file.sha256! }).then((result) => {
      if (!current) return;
      if (result.ok) setData(result.value.dataBase64);
      else setError(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [dossierId, file.sha256]);

  const title = formatMessage(text.viewerTitle, { name: file.name });
  return (
    <Modal open onCancel={onClose} footer={null} width="80vw" title={title} data-testid="online-file-viewer">
      <ErrorAlert message={error} />
      {!data && !error && <Spin />}
      {data && (
        <Flex vertical gap={12}>
          {file.mediaType === 'application/pdf' ? (
            <PdfViewer
              result={{ pdfBase64: data, printed: false, savedPath: null }}
              title={file.name}
              fileName={file.name}
              printNotice={false}
            />
          ) : (
            <img src={`data:${file.mediaType};base64,${data}`} alt={title} style={{ width: '100%' }} data-testid="online-file-image" />
          )}
        </Flex>
      )}
    </Modal>
  );
}
