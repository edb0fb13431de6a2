import type { MessageKey } from '@etapiste/shared/i18n';
import { lazy, Suspense, type ComponentType } from 'react';
import { StaffHeader, useTranslate } from '@etapiste/shared/react';
import { useShallow } from 'zustand/react/shallow';
import type { AdminView } from '../store/admin-slice.ts';
import { BoothDeviceStatus } from '../devices/BoothDeviceStatus.tsx';
import { useAgentStore } from '../store/index.ts';
import { AgenciesScreen } from './AgenciesScreen.tsx';
import { BookingsScreen } from './BookingsScreen.tsx';
import { InterpretingScreen } from './interpreting/InterpretingScreen.tsx';
import { PointsScreen } from './PointsScreen.tsx';
import { PolicyScreen } from './PolicyScreen.tsx';
import { TimetableScreen } from './TimetableScreen.tsx';
import { WindowsScreen } from './WindowsScreen.tsx';
import './admin.css';

/** The statistics area brings its charting library: loaded when first opened. */
const StatsScreen = lazy(() => import('../stats/StatsScreen.tsx'));

const views: { view: AdminView; label: MessageKey }[] = [
  { view: 'agencies', label: 'admin.nav.agencies' },
  { view: 'points', label: 'admin.nav.points' },
  { view: 'timetable', label: 'admin.nav.timetable' },
  { view: 'windows', label: 'admin.nav.windows' },
  { view: 'policy', label: 'admin.nav.policy' },
  { view: 'bookings', label: 'admin.nav.bookings' },
  { view: 'interpreting', label: 'admin.nav.interpreting' },
];

const screens: Record<AdminView, ComponentType> = {
  agencies: AgenciesScreen,
  points: PointsScreen,
  timetable: TimetableScreen,
  windows: WindowsScreen,
  policy: PolicyScreen,
  bookings: BookingsScreen,
  interpreting: InterpretingScreen,
};

/**
 * The admin area of admins and supervisors (supervisors read the catalogue and book for their
 * agency), with the statistics area (supervisors: their own agency).
 */
export function AdminConsole() {
  const { t } = useTranslate();
  const { principal, authStatus, adminView, adminCatalogueStatus, statsOpen, openStats, setAdminView, setLanguage, logout, loadAdminCatalogue } = useAgentStore(
    useShallow((state) => ({
      principal: state.principal,
      authStatus: state.authStatus,
      adminView: state.adminView,
      adminCatalogueStatus: state.adminCatalogueStatus,
      statsOpen: state.statsOpen,
      openStats: state.openStats,
      setAdminView: state.setAdminView,
      setLanguage: state.setLanguage,
      logout: state.logout,
      loadAdminCatalogue: state.loadAdminCatalogue,
    })),
  );
  const Screen = screens[adminView];
  const readOnly = principal?.role !== 'admin';

  return (
    <>
      <StaffHeader titleKey="admin.title" displayName={principal?.displayName ?? null} onLanguageChange={setLanguage} onLogout={() => logout()} />
      <div className="admin">
        <nav className="admin-nav" aria-label={t('admin.nav.label')}>
          <ul>
            {views.map(({ view, label }) => (
              <li key={view}>
                <button
                  type="button"
                  className="admin-nav__item"
                  aria-current={view === adminView && !statsOpen ? 'page' : undefined}
                  data-testid={`admin-nav-${view}`}
                  onClick={() => {
                    openStats(false);
                    setAdminView(view);
                  }}
                >
                  {t(label)}
                </button>
              </li>
            ))}
            <li>
              <button
                type="button"
                className="admin-nav__item"
                aria-current={statsOpen ? 'page' : undefined}
                data-testid="stats-nav"
                onClick={() => openStats(true)}
              >
                {t('stats.nav')}
              </button>
            </li>
          </ul>
        </nav>
        <main className="admin-main" aria-labelledby="admin-heading">
          <p role="status" className="banner">
            {authStatus === 'connecting' ? t('common.loading') : null}
            {authStatus === 'reconnecting' ? t('common.connectionLost') : null}
            {adminCatalogueStatus === 'loading' ? t('common.loading') : null}
          </p>
          {readOnly && !statsOpen ? (
            <p className="admin-readonly" data-testid="admin-read-only">
              {t('admin.readOnly')}
            </p>
          ) : null}
          {adminCatalogueStatus === 'failed' ? (
            <p role="alert" className="admin-form__error">
              {t('admin.loadFailed')}{' '}
              <button type="button" className="button button--small" onClick={() => void loadAdminCatalogue()}>
                {t('admin.retry')}
              </button>
            </p>
          ) : null}
          {statsOpen ? (
            <Suspense fallback={<p>{t('common.loading')}</p>}>
              <StatsScreen />
            </Suspense>
          ) : adminCatalogueStatus === 'ready' ? (
            <Screen />
          ) : null}
          {!statsOpen && principal?.role === 'admin' && authStatus === 'connected' ? <BoothDeviceStatus /> : null}
        </main>
      </div>
    </>
  );
}

