import { useTranslate } from '@etapiste/shared/react';
import { useShallow } from 'zustand/react/shallow';
import { BackButton } from '../components/BackButton.tsx';
import { ScreenHeading } from '../components/ScreenHeading.tsx';
import { useBoothStore } from '../store/index.ts';

const noAgencies: never[] = [];

export function AgencyScreen() {
  const { t, language } = useTranslate();
  const { agencies, chooseAgency } = useBoothStore(
    useShallow((state) => ({ agencies: state.catalogue?.agencies ?? noAgencies, chooseAgency: state.chooseAgency })),
  );
  return (
    <section className="screen">
      <ScreenHeading>{t('booth.chooseAgency')}</ScreenHeading>
      <p className="lead">{t('booth.welcomeHint')}</p>
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
      <BackButton />
    </section>
  );
}
