import { useTranslate } from '@etapiste/shared/react';
import { useShallow } from 'zustand/react/shallow';
import { BackButton } from '../components/BackButton.tsx';
import { ScreenHeading } from '../components/ScreenHeading.tsx';
import { selectedAgency, selectedService, useBoothStore } from '../store/index.ts';
import { ServiceDetail } from './ServiceDetail.tsx';

/** The services of the chosen agency; choosing one shows "Take a number" or where to go instead. */
export function ServiceScreen() {
  const { t, language } = useTranslate();
  const { agency, service, chooseService } = useBoothStore(
    useShallow((state) => ({
      agency: selectedAgency(state),
      service: selectedService(state),
      chooseService: state.chooseService,
    })),
  );
  if (!agency) return null;
  return (
    <section className="screen">
      <ScreenHeading>{t('booth.chooseService')}</ScreenHeading>
      <p className="lead">{agency.name[language]}</p>
      <div className="service-layout">
        <ul className="service-list">
          {agency.services.map((option) => (
            <li key={option.id}>
              <button
                type="button"
                className="button button--choice"
                aria-pressed={option.id === service?.id}
                data-testid={`service-${option.id}`}
                onClick={() => chooseService(option.id)}
              >
                {option.name[language]}
              </button>
            </li>
          ))}
        </ul>
        <div className="service-detail" aria-live="polite">
          {service ? <ServiceDetail service={service} /> : null}
        </div>
      </div>
      <BackButton />
    </section>
  );
}
