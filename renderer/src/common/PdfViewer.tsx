import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { PrintResult } from '../../../shared/ipc/contract';
import { formatMessage, uiText } from '../../../shared/i18n/vi';
import { base64ToBlob } from './base64';

/**
 * A printed form as the officer sees it. Until the printers are set up the core only saves the PDF,
 * so the notice says where it was saved and never claims it went to paper.
 */
export function PdfViewer({
  result,
  title,
  fileName,
  printNotice = true,
}: {
  result: Pick<PrintResult, 'pdfBase64' | 'printed' | 'savedPath'>;
  title: string;
  fileName: string;
  /** False for a stored document that was never meant for paper (a dossier's file in the look-up). */
  printNotice?: boolean;
}) {
  const [url, setUrl] = useState<string | null>(null);

  useEffect(() => {
    const objectUrl = URL.createObjectURL(base64ToBlob(result.pdfBase64, 'application/pdf'));
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [result.pdfBase64]);

  return (
    <Flex vertical gap={12} data-testid="pdf-viewer">
      {printNotice && (
        <Alert
          type={result.printed ? 'success' : 'info'}
          showIcon
          title={result.printed ? uiText.forms.printed : uiText.pdfView.notPrinted}
          description={
            result.savedPath && (
              <span>
                {uiText.pdfView.saved}{' '}
                <Typography.Text code copyable data-testid="pdf-saved-path">
                  {result.savedPath}
                </Typography.Text>
              </span>
            )
          }
        />
      )}
      {url && (
        <>
          <iframe
            src={url}
            title={formatMessage(uiText.pdfView.frameTitle, { title })}
            style={{ width: '100%', height: 560, border: '1px solid #d9d9d9', borderRadius: 6 }}
          />
          <div>
            <Button icon={<DownloadOutlined />} href={url} download={fileName} data-testid="pdf-download">
              {uiText.pdfView.download}
            </Button>
          </div>
        </>
      )}
    </Flex>
  );
}
