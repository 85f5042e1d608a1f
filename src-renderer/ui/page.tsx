/**
 * The frame of one screen: its heading (which takes the focus after a
 * navigation, so screen readers announce where we are), the window title,
 * and an optional row of actions. Every routed screen starts with <Page>.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface PageProps {
  title: string;
  /** A line under the title (e.g. the student's class). */
  subtitle?: ReactNode;
  /** Buttons or links at the right of the title. */
  actions?: ReactNode;
  /** Links above the title, back to where we came from. */
  breadcrumbs?: ReactNode;
  children: ReactNode;
  className?: string;
}

export function Page({ title, subtitle, actions, breadcrumbs, children, className }: PageProps) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${title} — ${t('app.name')}`;
  }, [title, t]);

  useEffect(() => {
    // After a navigation the focus is lost on <body> (the old screen is gone)
    // or still on the header's link: move it to the new screen's heading.
    const active = document.activeElement;
    if (!active || active === document.body || active.closest('.app-header')) {
      heading.current?.focus({ preventScroll: true });
    }
  }, []);

  return (
    <div className={className ? `page ${className}` : 'page'}>
      {breadcrumbs ? (
        <nav className="breadcrumbs" aria-label={t('ui.breadcrumbs')}>
          {breadcrumbs}
        </nav>
      ) : null}
      <div className="page-head">
        <div>
          <h1 ref={heading} tabIndex={-1}>
            {title}
          </h1>
          {subtitle ? <p className="page-subtitle">{subtitle}</p> : null}
        </div>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
      {children}
    </div>
  );
}
