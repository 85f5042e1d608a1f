/**
 * The charts, loaded on demand (React.lazy + dynamic import): charts.tsx is
 * its own chunk, never part of the renderer's initial JavaScript. Until it
 * arrives the table below the chart already shows every figure.
 */
import { lazy, Suspense, type ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';

const MeasuresChart = lazy(() => import('./charts').then((m) => ({ default: m.MeasuresChart })));
const TrendChart = lazy(() => import('./charts').then((m) => ({ default: m.TrendChart })));

function Loading() {
  const { t } = useTranslation();
  return <p className="muted">{t('statistics.chart.loading')}</p>;
}

export function LazyMeasuresChart(props: ComponentProps<typeof MeasuresChart>) {
  return (
    <Suspense fallback={<Loading />}>
      <MeasuresChart {...props} />
    </Suspense>
  );
}

export function LazyTrendChart(props: ComponentProps<typeof TrendChart>) {
  return (
    <Suspense fallback={<Loading />}>
      <TrendChart {...props} />
    </Suspense>
  );
}
