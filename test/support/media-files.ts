import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const artifacts = path.resolve(import.meta.dirname, '..', '.artifacts');

/**
 * Generated fake-camera files (Chromium plays a .y4m as a camera). Made once with ffmpeg
 * and reused. The expert's camera is a moving test pattern at 640×480.
 */
export function expertCameraFile(): string {
  return generate('expert-face-640x480.y4m', ['-f', 'lavfi', '-i', 'testsrc2=size=640x480:rate=30', '-t', '3']);
}

function generate(name: string, input: string[]): string {
  const file = path.join(artifacts, name);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(artifacts, { recursive: true });
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', ...input, '-pix_fmt', 'yuv420p', `${file}.tmp.y4m`]);
  fs.renameSync(`${file}.tmp.y4m`, file);
  return file;
}

/** The interpreters' camera: a different moving pattern (SMPTE bars with a counter) at 640×480, above CIF. */
export function interpreterCameraFile(): string {
  // A 720p webcam, as interpreters use: its middle simulcast layer (640×360) is the CIF floor the SFU keeps for sign language.
  return generate('interpreter-face-1280x720.y4m', ['-f', 'lavfi', '-i', 'testsrc=size=1280x720:rate=30', '-t', '2']);
}
