import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The one <h1> of a kiosk screen. It takes focus when the screen appears, so screen-reader
 * and keyboard users start at the top of the new screen.
 */
export function ScreenHeading({ children, className }: { children: ReactNode; className?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className={['screen-title', className].filter(Boolean).join(' ')}>
      {children}
    </h1>
  );
}
