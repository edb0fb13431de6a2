import { useEffect, useRef, type CSSProperties } from 'react';

export interface VideoTileProps {
  track: MediaStreamTrack | null;
  /** Accessible name of the video, e.g. "Expert" or "Document camera". */
  label: string;
  /** Own camera preview: mirrored, always muted. */
  mirrored?: boolean;
  muted?: boolean;
  className?: string;
  /** Shown over the tile when there is no track or the sender paused it. */
  placeholder?: string;
  paused?: boolean;
  /** Extra style of the video element (the expert's zoom, pan and rotation of the document camera). */
  videoStyle?: CSSProperties;
  'data-testid'?: string;
}

/** Plays one MediaStreamTrack (video or audio). Audio tracks render an invisible element. */
export function VideoTile({ track, label, mirrored, muted, className, placeholder, paused, videoStyle, ...rest }: VideoTileProps) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.srcObject = track ? new MediaStream([track]) : null;
    if (track) void element.play().catch(() => undefined);
    return () => {
      element.srcObject = null;
    };
  }, [track]);

  if (track?.kind === 'audio') {
    return <audio ref={ref as never} autoPlay data-testid={rest['data-testid']} />;
  }
  const showPlaceholder = !track || paused;
  return (
    <figure className={['video-tile', className].filter(Boolean).join(' ')} data-testid={rest['data-testid']}>
      <video
        ref={ref}
        autoPlay
        playsInline
        muted={muted ?? mirrored ?? false}
        aria-label={label}
        style={mirrored ? { ...videoStyle, transform: 'scaleX(-1)' } : videoStyle}
      />
      {showPlaceholder && placeholder ? <div className="video-tile__placeholder">{placeholder}</div> : null}
      <figcaption className="video-tile__label">{label}</figcaption>
    </figure>
  );
}
