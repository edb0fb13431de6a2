import { useTranslate } from '@etapiste/shared/react';
import { useBoothStore } from '../store/index.ts';

export function BackButton() {
  const { t } = useTranslate();
  const goBack = useBoothStore((state) => state.goBack);
  return (
    <div className="screen__footer">
      <button type="button" className="button button--secondary" data-testid="back" onClick={goBack}>
        {t('common.back')}
      </button>
    </div>
  );
}
