import { DeleteOutlined, RotateLeftOutlined, RotateRightOutlined, ScanOutlined, StopOutlined, ZoomInOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, InputNumber, Modal, Select, Spin, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { PageView } from '../../../../shared/digitize/page-view';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import type { ScanSession } from './use-scan-session';

const text = uiText.digitize.editor;

function QualityMark({ page }: { page: PageView }) {
  if (page.state === 'captured') return <Tag>{text.processing}</Tag>;
  if (page.state === 'failed') return <Tag color="red">{text.failed}</Tag>;
  const quality = page.quality;
  return (
    <Flex gap={2} wrap>
      {page.blank && (
        <Tag color="orange" data-testid="page-blank">
          {text.blank}
        </Tag>
      )}
      {quality && quality.score < 50 ? (
        <Tooltip title={formatMessage(text.lowQuality, { problems: quality.problems.map((p) => text.problems[p]).join(', ') })}>
          <Tag color="red" data-testid="page-quality">
            {formatMessage(text.quality, { score: Math.round(quality.score) })}
          </Tag>
        </Tooltip>
      ) : (
        quality && (
          <Tag color="green" data-testid="page-quality">
            {formatMessage(text.quality, { score: Math.round(quality.score) })}
          </Tag>
        )
      )}
    </Flex>
  );
}

function Zoom({ page, onClose }: { page: PageView | null; onClose: () => void }) {
  const [image, setImage] = useState<{ id: string; src: string } | null>(null);
  if (page && image?.id !== page.id) {
    void api.pages.image({ pageId: page.id }).then((result) => {
      if (result.ok) setImage({ id: page.id, src: `data:${result.value.mediaType};base64,${result.value.base64}` });
    });
  }
  return (
    <Modal
      open={page !== null}
      onCancel={onClose}
      footer={null}
      width="80vw"
      title={page ? formatMessage(text.page, { n: page.position + 1 }) : ''}
    >
      {image && page && image.id === page.id ? (
        <img src={image.src} alt="" style={{ width: '100%' }} data-testid="page-zoom-image" />
      ) : (
        <Spin />
      )}
    </Modal>
  );
}

/**
 * The pages of one checklist component: thumbnails in paper order with quality marks, drag to
 * reorder, rotate, zoom, delete (after confirmation), move to another component, scan more at the
 * end or before a page, and the scanned count against the paper count the officer enters.
 */
export function PageEditor({
  componentCode,
  componentName,
  otherComponents,
  session,
}: {
  componentCode: string;
  componentName: string;
  otherComponents: Array<{ code: string; name: string }>;
  session: ScanSession;
}) {
  const pages = session.slot(componentCode);
  const [expected, setExpected] = useState<number | null>(null);
  const [dragged, setDragged] = useState<string | null>(null);
  const [zoomed, setZoomed] = useState<PageView | null>(null);
  const scanningHere = session.scanning?.componentCode === componentCode;
  const canScan = session.sessionId !== null && session.scanner !== null && session.scanning === null;

  function drop(targetId: string) {
    if (!dragged || dragged === targetId) return;
    const ids = pages.map((p) => p.id).filter((id) => id !== dragged);
    ids.splice(ids.indexOf(targetId), 0, dragged);
    setDragged(null);
    void session.reorder(componentCode, ids);
  }

  function confirmRemove(page: PageView) {
    Modal.confirm({
      title: text.remove,
      content: formatMessage(text.removeConfirm, { n: page.position + 1, component: componentName }),
      okText: text.remove,
      okButtonProps: { danger: true },
      cancelText: uiText.common.cancel,
      onOk: () => session.remove(page.id),
    });
  }

  return (
    <Flex vertical gap={8} data-testid={`page-editor-${componentCode}`}>
      <Flex gap={8} align="center" wrap>
        {scanningHere ? (
          <Button icon={<StopOutlined />} onClick={session.stop} data-testid={`scan-stop-${componentCode}`}>
            {text.stop}
          </Button>
        ) : (
          <Button
            icon={<ScanOutlined />}
            disabled={!canScan}
            onClick={() => void session.scan(componentCode)}
            data-testid={`scan-${componentCode}`}
          >
            {text.scan}
          </Button>
        )}
        {scanningHere && <Spin size="small" description={formatMessage(text.scanning, { count: session.scanning?.captured ?? 0 })} />}
        <Typography.Text type="secondary" data-testid={`page-count-${componentCode}`}>
          {formatMessage(text.pageCount, { actual: pages.length })}
        </Typography.Text>
        <InputNumber
          min={1}
          max={2000}
          size="small"
          placeholder={text.expectedPages}
          aria-label={text.expectedPages}
          value={expected}
          onChange={setExpected}
          style={{ width: 130 }}
        />
      </Flex>
      {expected !== null && expected !== pages.length && session.scanning === null && (
        <Alert type="warning" showIcon title={formatMessage(text.pageCountMismatch, { actual: pages.length, expected })} />
      )}
      {pages.length > 0 && (
        <>
          <Typography.Text type="secondary">{text.dragHint}</Typography.Text>
          <Flex gap={8} wrap>
            {pages.map((page) => (
              <Flex
                key={page.id}
                vertical
                gap={4}
                align="center"
                draggable
                onDragStart={() => setDragged(page.id)}
                onDragOver={(event) => event.preventDefault()}
                onDrop={() => drop(page.id)}
                data-testid="page-thumb"
                data-page-id={page.id}
                data-rotation={page.rotation}
                style={{ width: 130, padding: 4, border: '1px solid #d9d9d9', borderRadius: 4, cursor: 'grab' }}
              >
                <Typography.Text type="secondary">{formatMessage(text.page, { n: page.position + 1 })}</Typography.Text>
                {page.thumbnailBase64 ? (
                  <img
                    src={`data:image/jpeg;base64,${page.thumbnailBase64}`}
                    alt={formatMessage(text.page, { n: page.position + 1 })}
                    style={{ maxWidth: 120, maxHeight: 120 }}
                    onClick={() => setZoomed(page)}
                  />
                ) : (
                  <Spin size="small" />
                )}
                <QualityMark page={page} />
                <Flex gap={2}>
                  <Tooltip title={text.rotateLeft}>
                    <Button
                      size="small"
                      icon={<RotateLeftOutlined />}
                      aria-label={text.rotateLeft}
                      onClick={() => void session.rotate(page.id, -1)}
                    />
                  </Tooltip>
                  <Tooltip title={text.rotateRight}>
                    <Button
                      size="small"
                      icon={<RotateRightOutlined />}
                      aria-label={text.rotateRight}
                      onClick={() => void session.rotate(page.id, 1)}
                      data-testid="page-rotate-right"
                    />
                  </Tooltip>
                  <Tooltip title={text.zoom}>
                    <Button size="small" icon={<ZoomInOutlined />} aria-label={text.zoom} onClick={() => setZoomed(page)} />
                  </Tooltip>
                  <Tooltip title={text.remove}>
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label={text.remove} onClick={() => confirmRemove(page)} />
                  </Tooltip>
                </Flex>
                <Button size="small" type="link" disabled={!canScan} onClick={() => void session.scan(componentCode, page.position)}>
                  {formatMessage(text.insertBefore, { n: page.position + 1 })}
                </Button>
                {otherComponents.length > 0 && (
                  <Select
                    size="small"
                    placeholder={text.moveTo}
                    style={{ width: 120 }}
                    value={null}
                    options={otherComponents.map((c) => ({ value: c.code, label: c.name }))}
                    onChange={(code: string) => void session.move([page.id], code)}
                    popupMatchSelectWidth={320}
                  />
                )}
              </Flex>
            ))}
          </Flex>
        </>
      )}
      <Zoom page={zoomed} onClose={() => setZoomed(null)} />
    </Flex>
  );
}
