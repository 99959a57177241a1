import { Alert, Button } from 'antd';
import { useEffect, useState } from 'react';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';

/**
 * The home screen's flag for late dossiers (docs/domain.md §3.4): how many are past their due date and
 * still processed here, with the way to the look-up, where each one is tagged. Read again whenever the
 * officer changes screens (`refresh`).
 */
export function OverdueNotice({ refresh, onOpen }: { refresh: unknown; onOpen: () => void }) {
  const [count, setCount] = useState(0);

  useEffect(() => {
    let live = true;
    void api.dossier.overdue({}).then((result) => {
      if (live && result.ok) setCount(result.value.length);
    });
    return () => {
      live = false;
    };
  }, [refresh]);

  if (count === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="overdue-notice"
      message={formatMessage(uiText.lookup.overdueCount, { count })}
      action={
        <Button size="small" onClick={onOpen}>
          {uiText.lookup.title}
        </Button>
      }
    />
  );
}
