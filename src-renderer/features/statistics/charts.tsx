/**
 * The statistics charts, drawn as small hand-written SVG (no chart library:
 * none is installed in the shared node_modules, and the two charts needed —
 * bars of delivered against planned, lines over semesters — take less code
 * than a library's wrapper). Loaded lazily (lazy-charts.tsx), so they are
 * never part of the renderer's initial JavaScript.
 *
 * Accessibility: each chart is one `role="img"` with a title and a text
 * description of every figure; every bar and point carries its value as
 * text; lines differ by dash pattern and marker shape as well as colour; the
 * same figures are always in the table right below the chart (its table
 * view). Hidden (small-cell) figures are not drawn and are named as hidden.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../src-shared/domain/format';
import type { StatOverview } from '../../../src-shared/domain/statistics/report';
import { useLocalLabel } from '../../ui/labels';
import { hoursText } from './stat-table';

type Measure = StatOverview['measures'][number];

/** What a kind's bar compares: hours for consultations, euros otherwise. */
function amounts(m: Measure): { planned: number; delivered: number } | null {
  const planned = m.category === 'consultation' ? m.plannedMinutes : m.plannedCents;
  const delivered = m.category === 'consultation' ? m.deliveredMinutes : m.deliveredCents;
  if (planned === null || delivered === null || planned <= 0) return null;
  return { planned, delivered };
}

/** One bar per measure kind: the share of what was planned that was delivered, with both amounts as text. */
export function MeasuresChart({ measures }: { measures: readonly Measure[] }) {
  const { t } = useTranslation();
  const localLabel = useLocalLabel();
  const id = useId();
  const shown = measures.flatMap((m) => {
    const a = amounts(m);
    return a ? [{ m, ...a }] : [];
  });
  if (shown.length === 0) return null;
  const format = (m: Measure, v: number) => (m.category === 'consultation' ? t('statistics.measures.hours', { hours: hoursText(v / 60) }) : formatMoney(v));
  const text = (row: (typeof shown)[number]) =>
    t('statistics.chart.deliveredOf', {
      kind: localLabel(row.m),
      delivered: format(row.m, row.delivered),
      planned: format(row.m, row.planned),
      percent: Math.round((row.delivered / row.planned) * 100),
    });
  const barHeight = 22;
  const gap = 30;
  const labelWidth = 0;
  const width = 640;
  const track = width - labelWidth - 60;
  const height = shown.length * (barHeight + gap) + 10;
  return (
    <figure className="stat-chart" data-testid="chart-measures">
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet">
        <title id={`${id}-title`}>{t('statistics.chart.measuresTitle')}</title>
        <desc id={`${id}-desc`}>{shown.map(text).join('; ')}</desc>
        {shown.map((row, i) => {
          const y = i * (barHeight + gap) + 18;
          const share = Math.min(row.delivered / row.planned, 1);
          return (
            <g key={row.m.kindCode} aria-hidden="true">
              <text x={0} y={y - 4} className="stat-chart-label">
                {text(row)}
              </text>
              <rect x={labelWidth} y={y} width={track} height={barHeight} className="stat-chart-track" />
              <rect x={labelWidth} y={y} width={Math.max(track * share, 1)} height={barHeight} className="stat-chart-bar" />
              <text x={labelWidth + track + 6} y={y + barHeight - 6} className="stat-chart-label">
                {`${Math.round((row.delivered / row.planned) * 100)}%`}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="muted">{t('statistics.chart.measuresCaption')}</figcaption>
    </figure>
  );
}

export interface TrendSeries {
  key: string;
  label: string;
  /** One value per semester; null: hidden or unknown (a gap in the line). */
  values: readonly (number | null)[];
}

const DASHES = ['', '8 4', '2 4'];
const MARKERS = ['circle', 'square', 'triangle'] as const;

/** Counts over semesters, one line per series (at most three), each point labelled with its value. */
export function TrendChart({ semesters, series }: { semesters: readonly string[]; series: readonly TrendSeries[] }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const number = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'lv-LV');
  if (semesters.length === 0 || series.length === 0) return null;
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = Math.max(1, ...all);
  const width = 640;
  const height = 260;
  const left = 20;
  const right = 20;
  const top = 20;
  const bottom = 40;
  const x = (i: number) => (semesters.length === 1 ? width / 2 : left + ((width - left - right) * i) / (semesters.length - 1));
  const y = (v: number) => top + (height - top - bottom) * (1 - v / max);
  const describe = series
    .map(
      (s) =>
        `${s.label}: ${semesters.map((sem, i) => `${sem} ${s.values[i] == null ? t('statistics.hidden.label') : number.format(s.values[i] as number)}`).join(', ')}`,
    )
    .join('; ');
  return (
    <figure className="stat-chart" data-testid="chart-trends">
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet">
        <title id={`${id}-title`}>{t('statistics.chart.trendsTitle')}</title>
        <desc id={`${id}-desc`}>{describe}</desc>
        <g aria-hidden="true">
          <line x1={left} x2={width - right} y1={height - bottom} y2={height - bottom} className="stat-chart-axis" />
          {semesters.map((sem, i) => (
            <text key={sem} x={x(i)} y={height - bottom + 18} textAnchor="middle" className="stat-chart-label">
              {sem}
            </text>
          ))}
          {series.map((s, si) => {
            const segments: string[][] = [[]];
            s.values.forEach((v, i) => {
              if (v === null) segments.push([]);
              else (segments[segments.length - 1] as string[]).push(`${x(i)},${y(v)}`);
            });
            return (
              <g key={s.key} className={`stat-chart-series stat-chart-series-${si}`}>
                {segments
                  .filter((seg) => seg.length > 1)
                  .map((seg) => (
                    <polyline key={seg[0]} points={seg.join(' ')} fill="none" strokeDasharray={DASHES[si % DASHES.length]} />
                  ))}
                {s.values.map((v, i) =>
                  v === null ? null : (
                    <g key={semesters[i]}>
                      <Marker shape={MARKERS[si % MARKERS.length] ?? 'circle'} cx={x(i)} cy={y(v)} />
                      <text x={x(i)} y={y(v) - 8 - si * 0} textAnchor="middle" className="stat-chart-label">
                        {number.format(v)}
                      </text>
                    </g>
                  ),
                )}
              </g>
            );
          })}
        </g>
      </svg>
      <figcaption>
        <ul className="stat-chart-legend">
          {series.map((s, si) => (
            <li key={s.key}>
              <svg width="28" height="12" aria-hidden="true" className={`stat-chart-series stat-chart-series-${si}`}>
                <line x1="0" x2="28" y1="6" y2="6" strokeDasharray={DASHES[si % DASHES.length]} />
              </svg>
              {s.label}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

function Marker({ shape, cx, cy }: { shape: (typeof MARKERS)[number]; cx: number; cy: number }) {
  if (shape === 'square') return <rect x={cx - 4} y={cy - 4} width={8} height={8} />;
  if (shape === 'triangle') return <polygon points={`${cx},${cy - 5} ${cx - 5},${cy + 4} ${cx + 5},${cy + 4}`} />;
  return <circle cx={cx} cy={cy} r={4} />;
}
