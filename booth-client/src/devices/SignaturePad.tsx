import { useTranslate } from '@etapiste/shared/react';
import { forwardRef, useImperativeHandle, useRef, useState } from 'react';

export interface SignaturePadHandle {
  /** The drawn signature as PNG, or null when nothing was drawn. */
  png(): Promise<Uint8Array | null>;
}

/** A box the customer signs in with a finger (pointer events: touch, pen and mouse). */
export const SignaturePad = forwardRef<SignaturePadHandle, { onChange: (drawn: boolean) => void }>(function SignaturePad({ onChange }, ref) {
  const { t } = useTranslate();
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const [drawn, setDrawn] = useState(false);

  useImperativeHandle(ref, () => ({
    png: async () => {
      if (!drawn || !canvas.current) return null;
      const blob = await new Promise<Blob | null>((resolve) => canvas.current!.toBlob(resolve, 'image/png'));
      return blob ? new Uint8Array(await blob.arrayBuffer()) : null;
    },
  }));

  const point = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return { x: ((event.clientX - box.left) / box.width) * event.currentTarget.width, y: ((event.clientY - box.top) / box.height) * event.currentTarget.height };
  };
  const draw = (event: React.PointerEvent<HTMLCanvasElement>) => {
    if (!last.current) return;
    const context = event.currentTarget.getContext('2d')!;
    const next = point(event);
    context.strokeStyle = '#111';
    context.lineWidth = 4;
    context.lineCap = 'round';
    context.beginPath();
    context.moveTo(last.current.x, last.current.y);
    context.lineTo(next.x, next.y);
    context.stroke();
    last.current = next;
    if (!drawn) {
      setDrawn(true);
      onChange(true);
    }
  };
  const clear = () => {
    const element = canvas.current;
    element?.getContext('2d')?.clearRect(0, 0, element.width, element.height);
    setDrawn(false);
    onChange(false);
  };

  return (
    <div className="signature">
      <canvas
        ref={canvas}
        className="signature__canvas"
        width={800}
        height={240}
        role="img"
        aria-label={t('booth.device.ackSignature')}
        data-testid="signature-pad"
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          last.current = point(event);
        }}
        onPointerMove={draw}
        onPointerUp={() => (last.current = null)}
        onPointerCancel={() => (last.current = null)}
      />
      <button type="button" className="button button--secondary" onClick={clear} disabled={!drawn} data-testid="signature-clear">
        {t('booth.device.ackClear')}
      </button>
    </div>
  );
});
