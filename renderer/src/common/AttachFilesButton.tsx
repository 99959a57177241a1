import { PaperClipOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useRef } from 'react';

/** The scan formats the core imports page by page; anything else would only be refused there. */
const ACCEPTED_FILES = '.pdf,.jpg,.jpeg,.png,.tif,.tiff,application/pdf,image/jpeg,image/png,image/tiff';

/**
 * A button that opens the system's file chooser for scans and hands over what was picked. The
 * input is cleared after each pick so choosing the same file again still reaches `onFiles`.
 */
export function AttachFilesButton({
  label,
  testId,
  danger,
  onFiles,
}: {
  label: string;
  testId: string;
  danger?: boolean;
  onFiles: (files: File[]) => void;
}) {
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button icon={<PaperClipOutlined />} onClick={() => fileInput.current?.click()} danger={danger}>
        {label}
      </Button>
      <input
        ref={fileInput}
        type="file"
        multiple
        accept={ACCEPTED_FILES}
        hidden
        data-testid={testId}
        onChange={(event) => {
          const chosen = Array.from(event.target.files ?? []);
          event.target.value = '';
          if (chosen.length > 0) onFiles(chosen);
        }}
      />
    </>
  );
}
