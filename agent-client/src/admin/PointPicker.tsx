import type { ServicePointKind } from '@etapiste/shared';
import { useTranslate } from '@etapiste/shared/react';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAgentStore } from '../store/index.ts';
import { useCatalogue } from './admin-hooks.ts';
import { SelectInput } from './form-kit.tsx';

/** Chooses the service point a screen works on (only buses for the timetable). */
export function PointPicker({ kind }: { kind?: ServicePointKind }) {
  const { t, language } = useTranslate();
  const { catalogue } = useCatalogue();
  const { adminPointId, selectAdminPoint } = useAgentStore(
    useShallow((state) => ({ adminPointId: state.adminPointId, selectAdminPoint: state.selectAdminPoint })),
  );
  const points = catalogue.servicePoints.filter((point) => !kind || point.kind === kind);
  const selectedFits = points.some((point) => point.id === adminPointId);
  const first = points[0]?.id ?? null;

  useEffect(() => {
    if (!selectedFits && first) selectAdminPoint(first);
  }, [selectedFits, first, selectAdminPoint]);

  if (points.length === 0) return <p className="admin-empty">{kind === 'XS' ? t('admin.timetable.noBuses') : t('admin.points.none')}</p>;
  return (
    <SelectInput
      label={t('admin.pointPicker')}
      value={selectedFits ? (adminPointId ?? '') : ''}
      testId="admin-point-select"
      options={points.map((point) => ({
        value: point.id,
        label: `${point.name[language]} (${t(`servicePoint.kind.${point.kind}`)}, ${point.municipality})`,
      }))}
      onChange={(pointId) => selectAdminPoint(pointId || null)}
    />
  );
}
