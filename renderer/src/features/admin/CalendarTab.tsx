import { BulbOutlined, DeleteOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Table,
  Tag,
  TimePicker,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { calendarGaps } from '../../../../shared/domain/calendar-gaps';
import { parseIsoDate, dayNumber, weekdayOf } from '../../../../shared/domain/local-date';
import { defaultCalendar, validateCalendar, type Weekday, type WorkingSession } from '../../../../shared/domain/working-time';
import type { CalendarDay, ChannelOutput } from '../../../../shared/ipc/contract';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import { ErrorAlert } from '../../common/ErrorAlert';
import { formatLocalDate } from '../../common/local-format';

type Sessions = Record<Weekday, WorkingSession[]>;
type Suggestion = ChannelOutput<'calendar.suggestHolidays'>[number];
type SessionRange = [Dayjs, Dayjs] | null;

const text = uiText.calendarAdmin;
/** Monday first, as Vietnamese calendars print the week. */
const WEEK_ORDER: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 0];

function weekdayName(iso: string): string {
  const date = parseIsoDate(iso);
  return date ? text.weekdays[weekdayOf(dayNumber(date))] : '';
}

const clock = (value: string): Dayjs => {
  const [hour, minute] = value.split(':').map(Number);
  return dayjs()
    .hour(hour ?? 0)
    .minute(minute ?? 0)
    .second(0)
    .millisecond(0);
};

function DayAdder({ onAdd }: { onAdd: (day: CalendarDay) => Promise<boolean> }) {
  const [form] = Form.useForm<{ date: Dayjs; kind: CalendarDay['kind']; name: string }>();
  const [busy, setBusy] = useState(false);
  return (
    <Form
      form={form}
      layout="inline"
      name="calendarDay"
      initialValues={{ kind: 'dayOff', name: '' }}
      style={{ rowGap: 8 }}
      onFinish={(values) => {
        setBusy(true);
        void onAdd({ date: values.date.format('YYYY-MM-DD'), kind: values.kind, name: values.name ?? '' }).then((added) => {
          setBusy(false);
          if (added) form.resetFields();
        });
      }}
    >
      <Form.Item name="date" rules={[{ required: true, message: text.dateRequired }]}>
        <DatePicker format="DD/MM/YYYY" placeholder={text.date} />
      </Form.Item>
      <Form.Item name="kind">
        <Radio.Group
          optionType="button"
          options={(['dayOff', 'workingDay'] as const).map((value) => ({ value, label: text.kinds[value] }))}
        />
      </Form.Item>
      <Form.Item name="name" style={{ flex: '1 1 220px' }}>
        <Input maxLength={200} placeholder={text.name} />
      </Form.Item>
      <Form.Item>
        <Button htmlType="submit" icon={<PlusOutlined />} loading={busy}>
          {text.add}
        </Button>
      </Form.Item>
    </Form>
  );
}

function toRanges(source: Sessions): Record<Weekday, SessionRange[]> {
  return Object.fromEntries(WEEK_ORDER.map((day) => [day, source[day].map((s): SessionRange => [clock(s.start), clock(s.end)])])) as Record<
    Weekday,
    SessionRange[]
  >;
}

/** Counting hours decide due dates; reception hours only when the counter is open (docs/domain.md §8.3). */
type SessionsKind = 'counting' | 'reception';

function SessionsEditor({ kind, sessions, onSaved }: { kind: SessionsKind; sessions: Sessions; onSaved: () => void }) {
  const { message } = App.useApp();
  const [draft, setDraft] = useState<Record<Weekday, SessionRange[]>>(() => toRanges(sessions));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const asSessions = (): Sessions =>
    Object.fromEntries(
      WEEK_ORDER.map((day) => [
        day,
        draft[day]
          .filter((r): r is [Dayjs, Dayjs] => r !== null)
          .map(([start, end]) => ({ start: start.format('HH:mm'), end: end.format('HH:mm') })),
      ]),
    ) as Sessions;

  const problems = validateCalendar({ sessions: asSessions(), holidays: [], workingDays: [] });

  function change(day: Weekday, update: (ranges: SessionRange[]) => SessionRange[]) {
    setDraft((current) => ({ ...current, [day]: update(current[day]) }));
  }

  async function save() {
    setBusy(true);
    const save = kind === 'counting' ? api.calendar.setSessions : api.calendar.setReceptionSessions;
    const result = await save({ sessions: asSessions() });
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    message.success(text.sessionsSaved);
    onSaved();
  }

  return (
    <Card
      size="small"
      title={kind === 'counting' ? text.sessions : text.receptionSessions}
      extra={<Typography.Text type="secondary">{kind === 'counting' ? text.sessionsHint : text.receptionSessionsHint}</Typography.Text>}
      data-testid={`sessions-${kind}`}
    >
      <Flex vertical gap={8}>
        {WEEK_ORDER.map((day) => (
          <Flex key={day} gap={12} align="center" wrap>
            <Typography.Text strong style={{ width: 90 }}>
              {text.weekdays[day]}
            </Typography.Text>
            {draft[day].length === 0 && <Typography.Text type="secondary">{text.dayOffWeekly}</Typography.Text>}
            {draft[day].map((range, index) => (
              <Flex key={index} gap={4} align="center">
                <TimePicker.RangePicker
                  format="HH:mm"
                  minuteStep={5}
                  value={range}
                  allowClear={false}
                  onChange={(value) => change(day, (ranges) => ranges.map((r, i) => (i === index ? (value as SessionRange) : r)))}
                />
                <MinusCircleOutlined
                  aria-label={text.removeSession}
                  onClick={() => change(day, (ranges) => ranges.filter((_, i) => i !== index))}
                />
              </Flex>
            ))}
            <Button
              size="small"
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => change(day, (ranges) => [...ranges, [clock('07:30'), clock('11:30')]])}
            >
              {text.addSession}
            </Button>
          </Flex>
        ))}
        {problems.map((p, i) => (
          <Alert key={i} type="warning" showIcon title={p.message} />
        ))}
        <ErrorAlert message={error} />
        <Flex gap={8}>
          <Button type="primary" onClick={() => void save()} loading={busy} disabled={problems.length > 0}>
            {text.saveSessions}
          </Button>
          <Button onClick={() => setDraft(toRanges(defaultCalendar().sessions))}>{text.defaultSessions}</Button>
        </Flex>
      </Flex>
    </Card>
  );
}

function SuggestionsModal({
  suggestions,
  existing,
  onAdd,
  onClose,
}: {
  suggestions: Suggestion[] | null;
  existing: ReadonlySet<string>;
  onAdd: (chosen: Suggestion[]) => Promise<void>;
  onClose: () => void;
}) {
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setSelected((suggestions ?? []).filter((s) => !existing.has(s.date)).map((s) => s.date));
  }, [suggestions, existing]);

  const columns: TableColumnsType<Suggestion> = [
    { title: text.date, key: 'date', width: 170, render: (_, s) => `${weekdayName(s.date)}, ${formatLocalDate(s.date)}` },
    { title: text.name, dataIndex: 'name', key: 'name' },
    { title: text.basis, key: 'basis', width: 120, render: (_, s) => <Tag>{text.bases[s.basis]}</Tag> },
    {
      title: '',
      key: 'existing',
      width: 110,
      render: (_, s) => existing.has(s.date) && <Typography.Text type="secondary">{text.alreadyListed}</Typography.Text>,
    },
  ];

  return (
    <Modal
      open={suggestions !== null}
      title={text.suggestTitle}
      width={820}
      onCancel={onClose}
      okText={formatMessage(text.addChosen, { count: selected.length })}
      cancelText={uiText.common.cancel}
      okButtonProps={{ disabled: selected.length === 0, loading: busy }}
      onOk={() => {
        setBusy(true);
        void onAdd((suggestions ?? []).filter((s) => selected.includes(s.date))).then(() => setBusy(false));
      }}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={text.suggestHint} style={{ marginBottom: 12 }} />
      <Table<Suggestion>
        rowKey="date"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={suggestions ?? []}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
      />
    </Modal>
  );
}

/** Days off, swapped working days and weekly hours: what the due date of every dossier is counted on. */
export function CalendarTab() {
  const { message } = App.useApp();
  const currentYear = new Date().getFullYear();
  const [year, setYear] = useState(currentYear);
  const [data, setData] = useState<{ days: CalendarDay[]; sessions: Sessions; receptionSessions: Sessions } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [suggestions, setSuggestions] = useState<Suggestion[] | null>(null);
  const [sessionsVersion, setSessionsVersion] = useState(0);
  const [gapYears, setGapYears] = useState<number[]>([]);

  // Due dates of this year and the next are counted on these two years' days off (docs/domain.md §8.1).
  const checkGaps = useCallback(async () => {
    const answers = await Promise.all([currentYear, currentYear + 1].map((y) => api.calendar.year({ year: y })));
    const holidays = answers.flatMap((a) => (a.ok ? a.value.days.filter((d) => d.kind === 'dayOff').map((d) => d.date) : []));
    if (answers.every((a) => a.ok)) setGapYears(calendarGaps({ holidays }, `${currentYear}-01-01`, `${currentYear + 1}-12-31`));
  }, [currentYear]);

  const load = useCallback(async () => {
    const result = await api.calendar.year({ year });
    if (result.ok) {
      setData({
        days: result.value.days,
        sessions: result.value.sessions as Sessions,
        receptionSessions: result.value.receptionSessions as Sessions,
      });
      setError(null);
      await checkGaps();
    } else {
      setError(result.error.message);
    }
  }, [year, checkGaps]);

  useEffect(() => {
    void load();
  }, [load]);

  const existing = useMemo(() => new Set((data?.days ?? []).map((d) => d.date)), [data]);

  async function addDay(day: CalendarDay): Promise<boolean> {
    const result = await api.calendar.setDay(day);
    if (!result.ok) {
      setError(result.error.message);
      return false;
    }
    setError(null);
    message.success(formatMessage(text.dayAdded, { date: formatLocalDate(day.date) }));
    await load();
    return true;
  }

  async function removeDay(date: string) {
    const result = await api.calendar.removeDay({ date });
    if (!result.ok) return setError(result.error.message);
    await load();
  }

  async function suggest() {
    const result = await api.calendar.suggestHolidays({ year });
    if (!result.ok) return setError(result.error.message);
    setSuggestions(result.value);
  }

  async function addSuggestions(chosen: Suggestion[]) {
    for (const day of chosen) {
      const result = await api.calendar.setDay({ date: day.date, kind: day.kind, name: day.name });
      if (!result.ok) {
        setError(result.error.message);
        break;
      }
    }
    setSuggestions(null);
    await load();
  }

  const columns: TableColumnsType<CalendarDay> = [
    { title: text.date, key: 'date', width: 190, render: (_, d) => `${weekdayName(d.date)}, ${formatLocalDate(d.date)}` },
    {
      title: text.kind,
      key: 'kind',
      width: 170,
      render: (_, d) => <Tag color={d.kind === 'dayOff' ? 'red' : 'green'}>{text.kinds[d.kind]}</Tag>,
    },
    { title: text.name, dataIndex: 'name', key: 'name' },
    {
      title: uiText.common.actions,
      key: 'actions',
      width: 110,
      render: (_, d) => (
        <Popconfirm
          title={formatMessage(text.removeConfirm, { date: formatLocalDate(d.date) })}
          okText={uiText.common.confirm}
          cancelText={uiText.common.cancel}
          // eslint-disable-next-line @typescript-eslint/no-misused-promises -- Popconfirm awaits the promise, keeping its OK button loading until done
          onConfirm={() => removeDay(d.date)}
        >
          <Button size="small" danger icon={<DeleteOutlined />}>
            {text.remove}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  const years = Array.from({ length: 5 }, (_, i) => currentYear - 1 + i);

  return (
    <Flex vertical gap={16}>
      <Flex gap={12} align="center" wrap>
        <Typography.Text>{text.year}</Typography.Text>
        <Select value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: y }))} style={{ width: 110 }} />
        <Button icon={<BulbOutlined />} onClick={() => void suggest()} data-testid="calendar-suggest">
          {text.suggest}
        </Button>
      </Flex>
      {gapYears.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="calendar-gap-warning"
          title={formatMessage(text.yearsWithoutDaysOff, { years: gapYears.join(', ') })}
        />
      )}
      <ErrorAlert message={error} />
      <Card size="small" title={formatMessage(text.daysTitle, { year })}>
        <Flex vertical gap={12}>
          <DayAdder onAdd={addDay} />
          <Table<CalendarDay>
            rowKey="date"
            size="small"
            columns={columns}
            dataSource={data?.days ?? []}
            pagination={false}
            loading={!data && !error}
            locale={{ emptyText: text.noDays }}
          />
        </Flex>
      </Card>
      {data &&
        (['counting', 'reception'] as const).map((kind) => (
          <SessionsEditor
            key={`${kind}-${sessionsVersion}`}
            kind={kind}
            sessions={kind === 'counting' ? data.sessions : data.receptionSessions}
            onSaved={() => {
              setSessionsVersion((v) => v + 1);
              void load();
            }}
          />
        ))}
      <SuggestionsModal suggestions={suggestions} existing={existing} onAdd={addSuggestions} onClose={() => setSuggestions(null)} />
    </Flex>
  );
}
