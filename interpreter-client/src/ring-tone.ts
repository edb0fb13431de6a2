/**
 * The ring of an incoming request: a Web Audio oscillator (no audio file), two short beeps
 * every two seconds until stopped. Best effort: without audio output it stays silent.
 */
let context: AudioContext | null = null;
let timer: ReturnType<typeof setInterval> | null = null;
let nodes: OscillatorNode[] = [];

function beep(audio: AudioContext): void {
  const start = audio.currentTime + 0.02;
  [0, 0.35].forEach((offset) => {
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    const at = start + offset;
    oscillator.frequency.value = 784;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.28);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(at);
    oscillator.stop(at + 0.3);
    oscillator.onended = () => (nodes = nodes.filter((node) => node !== oscillator));
    nodes.push(oscillator);
  });
}

export function startRing(): void {
  if (timer) return;
  try {
    context ??= new AudioContext();
    const audio = context;
    void audio.resume().catch(() => undefined);
    beep(audio);
    timer = setInterval(() => beep(audio), 2000);
  } catch {
    // no audio
  }
}

export function stopRing(): void {
  if (timer) clearInterval(timer);
  timer = null;
  for (const node of nodes) {
    try {
      node.stop();
    } catch {
      // already stopped
    }
  }
  nodes = [];
}

/** Whether the ring is sounding (for tests and diagnostics). */
export function isRinging(): boolean {
  return timer !== null;
}
(globalThis as { __etapisteRing?: () => boolean }).__etapisteRing = isRinging;
