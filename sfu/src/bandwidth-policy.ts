import type { MediaSource, ParticipantRole } from '@etapiste/shared';

/**
 * Who gives way when a receiver's link is congested.
 *  - 'standard': audio first, then faces, then the document camera.
 *  - 'signLanguage' (an interpreted session in sign language): the customer's and the
 *    interpreter's faces carry the language itself, so they come right after audio and keep
 *    ≥ CIF; the document camera and the expert's face give way first.
 */
export type PriorityProfile = 'standard' | 'signLanguage';

/** Face cameras are sent as three simulcast layers (the call engine's encodings). */
export const FACE_LAYERS = [
  { scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { scaleResolutionDownBy: 1, maxBitrate: 1_200_000 },
] as const;
/** The face layer that is at least CIF (352×288) for a 1280×720 camera: 640×360. */
export const CIF_FACE_LAYER = 1;
/**
 * The document camera is one encoding with three temporal layers (L1T3): dropping a temporal
 * layer halves the frame rate and keeps the resolution. Share of the full bitrate per layer.
 */
export const DOCUMENT_MAX_BITRATE = 3_000_000;
export const DOCUMENT_TEMPORAL_SHARE = [0.5, 0.75, 1] as const;
/** What one Opus stream needs, kept aside before any video is planned. */
export const AUDIO_BITRATE = 64_000;

/** mediasoup consumer priority (1–255): mediasoup hands spare bitrate to higher ones first. */
export function consumerPriority(profile: PriorityProfile, source: MediaSource, ownerRole: ParticipantRole): number {
  if (source === 'microphone') return 255;
  if (profile === 'signLanguage') {
    if (carriesSignLanguage(profile, source, ownerRole)) return 220;
    return source === 'faceCamera' ? 150 : 60;
  }
  return source === 'faceCamera' ? 200 : 100;
}

/** Video that carries the sign language: the customer's and the interpreter's face. */
export function carriesSignLanguage(profile: PriorityProfile, source: MediaSource, ownerRole: ParticipantRole): boolean {
  return profile === 'signLanguage' && source === 'faceCamera' && (ownerRole === 'customer' || ownerRole === 'interpreter');
}

export interface PlannedStream {
  id: string;
  kind: 'audio' | 'video';
  source: MediaSource;
  ownerRole: ParticipantRole;
  /** Spatial and temporal layers the producer offers. */
  spatialLayers: number;
  temporalLayers: number;
  /**
   * What receiving each layer costs now, measured by the SFU on the producer's streams
   * (key "spatial.temporal", bit/s). Layers not measured are planned at their nominal rate.
   */
  measured?: Record<string, number>;
}
export interface LayerChoice {
  spatialLayer: number;
  temporalLayer: number;
}

function bitrateOf(stream: PlannedStream, choice: LayerChoice): number {
  const measured = stream.measured?.[`${choice.spatialLayer}.${choice.temporalLayer}`];
  if (measured !== undefined && measured > 0) return measured;
  if (stream.source === 'documentCamera') {
    const share = DOCUMENT_TEMPORAL_SHARE[Math.min(choice.temporalLayer, DOCUMENT_TEMPORAL_SHARE.length - 1)]!;
    return DOCUMENT_MAX_BITRATE * share;
  }
  // A simulcast receiver gets one layer of the three.
  return FACE_LAYERS[Math.min(choice.spatialLayer, FACE_LAYERS.length - 1)]!.maxBitrate;
}

/** The layers a stream can take, best first. Faces change resolution, documents frame rate. */
function choicesOf(stream: PlannedStream): LayerChoice[] {
  const choices: LayerChoice[] = [];
  const topTemporal = stream.temporalLayers - 1;
  if (stream.source === 'documentCamera' || stream.spatialLayers <= 1) {
    for (let temporal = topTemporal; temporal >= 0; temporal--) choices.push({ spatialLayer: stream.spatialLayers - 1, temporalLayer: temporal });
  } else {
    for (let spatial = stream.spatialLayers - 1; spatial >= 0; spatial--) choices.push({ spatialLayer: spatial, temporalLayer: topTemporal });
  }
  return choices;
}

/**
 * Server-side layer selection for one receiver: given the bitrate its link can take now
 * (mediasoup's BWE of its receive transport), the preferred layers of each video stream it
 * consumes. Audio is set aside first. Then, in priority order: sign-language video takes its
 * CIF floor (the streams after it give way instead); every other video takes its lowest layer
 * if it fits (the expert always gets to see the document, at a low frame rate, before a face
 * goes above its lowest layer); then each stream is raised to the best layer that still fits.
 * The document camera keeps its resolution and loses temporal layers (frame rate). A stream
 * that fits nowhere is planned at its lowest layer (mediasoup then sends it only when the
 * estimate grows). The preferred layers cap what mediasoup's own allocation gives each stream.
 */
export function planLayers(availableBitrate: number, profile: PriorityProfile, streams: PlannedStream[]): Map<string, LayerChoice> {
  const plan = new Map<string, LayerChoice>();
  const video = streams.filter((stream) => stream.kind === 'video' && (stream.spatialLayers > 1 || stream.temporalLayers > 1));
  let budget = availableBitrate - streams.filter((stream) => stream.kind === 'audio').length * AUDIO_BITRATE;
  const ordered = [...video].sort(
    (a, b) => consumerPriority(profile, b.source, b.ownerRole) - consumerPriority(profile, a.source, a.ownerRole),
  );
  // Sign-language video first takes its floor, whatever comes after it.
  const floors = new Map<string, LayerChoice>();
  for (const stream of ordered) {
    if (!carriesSignLanguage(profile, stream.source, stream.ownerRole) || stream.spatialLayers <= CIF_FACE_LAYER) continue;
    const floor = { spatialLayer: CIF_FACE_LAYER, temporalLayer: stream.temporalLayers - 1 };
    floors.set(stream.id, floor);
    plan.set(stream.id, floor);
    budget -= bitrateOf(stream, floor);
  }
  // Then every other stream's lowest layer, while it fits.
  for (const stream of ordered) {
    if (plan.has(stream.id)) continue;
    const lowest = choicesOf(stream).at(-1)!;
    if (bitrateOf(stream, lowest) > budget) continue;
    plan.set(stream.id, lowest);
    budget -= bitrateOf(stream, lowest);
  }
  // Then raise each stream as far as what is left allows.
  for (const stream of ordered) {
    const current = plan.get(stream.id);
    const floor = floors.get(stream.id);
    const paid = current ? bitrateOf(stream, current) : 0;
    const choices = choicesOf(stream);
    const affordable = choices.find((choice) => {
      if (floor && choice.spatialLayer < floor.spatialLayer) return false;
      return bitrateOf(stream, choice) - paid <= budget;
    });
    const chosen = affordable ?? current ?? choices[choices.length - 1]!;
    budget -= bitrateOf(stream, chosen) - paid;
    plan.set(stream.id, chosen);
  }
  return plan;
}
