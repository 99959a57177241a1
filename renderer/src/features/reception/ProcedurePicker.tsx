import { Flex, Select, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { ProcedureSummary } from '../../../../shared/ipc/contract';
import { uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import { formatDuration } from '../../common/local-format';

const SEARCH_LIMIT = 20;
/** Long enough to skip the intermediate letters of a quick typist, short enough to feel instant. */
const SEARCH_DELAY_MS = 120;

/**
 * Whether a procedure's code was checked against the national database is the administrator's
 * business (the catalogue tab says so and points to the official import), not the officer's: the
 * officer can do nothing about it, and a tag on most entries only hides the one thing to read, the name.
 *
 * Picks the procedure by a few letters: without diacritics, initials (ĐKKS) or the code. The
 * catalogue is searched in the core, so the same folding rules serve the screen and the look-up.
 */
export function ProcedurePicker({ selected, onPick }: { selected: { code: string; name: string } | null; onPick: (code: string) => void }) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<ProcedureSummary[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    const ticket = ++latest.current;
    const timer = window.setTimeout(() => {
      setLoading(true);
      void api.catalog.search({ query, limit: SEARCH_LIMIT }).then((result) => {
        // An answer to an older query must not replace the list for what is typed now.
        if (ticket !== latest.current) return;
        setLoading(false);
        if (result.ok) {
          setResults(result.value);
          setError(null);
        } else {
          setError(result.error.message);
        }
      });
    }, SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [query]);

  return (
    <Select<string>
      value={selected?.code}
      labelRender={() => selected?.name}
      showSearch={{ filterOption: false, onSearch: setQuery, searchValue: query, autoClearSearchValue: false }}
      placeholder={uiText.reception.procedureSearch}
      notFoundContent={loading ? uiText.common.loading : (error ?? uiText.reception.procedureNone)}
      onChange={(code) => {
        setQuery('');
        onPick(code);
      }}
      size="large"
      style={{ width: '100%' }}
      listHeight={420}
      data-testid="procedure-picker"
      aria-label={uiText.reception.procedure}
      options={results.map((p) => ({
        value: p.code,
        title: p.name,
        label: (
          <Flex vertical style={{ whiteSpace: 'normal', paddingBlock: 2 }}>
            <Typography.Text strong>{p.name}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {p.code} · {p.sectorName} · {formatDuration(p.duration)}
            </Typography.Text>
          </Flex>
        ),
      }))}
    />
  );
}
