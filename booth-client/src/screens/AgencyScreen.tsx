import { useTranslate } from '@etapiste/shared/react';
import { useShallow } from 'zustand/react/shallow';
import { BackButton } from '../components/BackButton.tsx';
import { ClosedNotice } from '../components/ClosedNotice.tsx';
import { ScreenHeading } from '../components/ScreenHeading.tsx';
import { StopInfo } from '../components/StopInfo.tsx';
import { useBoothStore } from '../store/index.ts';

const noAgencies: never[] = [];

/** "I have a booking", or the agencies serving here now; a closed notice when the point is closed. */
export function AgencyScreen() {
  const { t, language } = useTranslate();
  const { agencies, openNow, chooseAgency, openBooking } = useBoothStore(
    useShallow((state) => ({
      agencies: state.catalogue?.agencies ?? noAgencies,
      openNow: state.catalogue?.openNow ?? false,
      chooseAgency: state.chooseAgency,
      openBooking: state.openBooking,
    })),
  );
  return (
    <section className="screen screen--agency">
      <ScreenHeading>{openNow ? t('booth.chooseAgency') : t('booth.closed')}</ScreenHeading>
      <StopInfo />
      {openNow ? (
        <>
          <p className="lead">{t('booth.welcomeHint')}</p>
          <button type="button" className="button button--booking" data-testid="have-booking" onClick={openBooking}>
            {t('booth.haveBooking')}
          </button>
          <h2>{t('booth.orTakeNumber')}</h2>
          <div className="choice-grid">
            {agencies.map((agency) => (
              <button
                key={agency.id}
                type="button"
                className="button button--choice"
                data-testid={`agency-${agency.id}`}
                onClick={() => chooseAgency(agency.id)}
              >
                {agency.name[language]}
              </button>
            ))}
          </div>
        </>
      ) : (
        <ClosedNotice />
      )}
      <BackButton />
    </section>
  );
}
