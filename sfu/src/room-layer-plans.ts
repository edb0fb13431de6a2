import type { types } from 'mediasoup';
import type { MediaSource, ParticipantRole } from '@etapiste/shared';
import { consumerPriority, planLayers, type PriorityProfile } from './bandwidth-policy.ts';
import type { LayerDecision } from './media-server.ts';

/** What the layer planning needs to know about a participant of the room. */
export interface LayerPlanParticipant {
  producers: Map<string, { producer: types.Producer }>;
  consumers: Map<string, types.Consumer>;
  /** The receive transport's latest bandwidth estimate (mediasoup BWE), bit/s. */
  availableBitrate: number | null;
}

/** Whose stream a consumer carries (set as appData when the room creates it). */
function originOf(consumer: types.Consumer): { source: MediaSource; ownerRole: ParticipantRole } {
  return consumer.appData as { source: MediaSource; ownerRole: ParticipantRole };
}

/**
 * Server-side layer selection of one room: the priority profile, each consumer's mediasoup
 * priority, and for every receiver the layers it gets of each stream, planned by
 * bandwidth-policy.ts for the bitrate its receive transport's estimate says the link carries.
 */
export class RoomLayerPlans {
  readonly #participants: ReadonlyMap<string, LayerPlanParticipant>;
  readonly #router: types.Router;
  #profile: PriorityProfile = 'standard';

  constructor(deps: { participants: ReadonlyMap<string, LayerPlanParticipant>; router: types.Router }) {
    this.#participants = deps.participants;
    this.#router = deps.router;
  }

  get profile(): PriorityProfile {
    return this.#profile;
  }

  /** The mediasoup priority of a new consumer of `source` sent by a participant in `ownerRole`. */
  priorityOf(source: MediaSource, ownerRole: ParticipantRole): number {
    return consumerPriority(this.#profile, source, ownerRole);
  }

  async setProfile(profile: PriorityProfile): Promise<void> {
    this.#profile = profile;
    for (const [receiverId, receiver] of this.#participants) {
      for (const consumer of receiver.consumers.values()) {
        const { source, ownerRole } = originOf(consumer);
        if (!consumer.closed) await consumer.setPriority(consumerPriority(profile, source, ownerRole)).catch(() => undefined);
      }
      if (receiver.availableBitrate !== null) await this.applyAvailableBitrate(receiverId, receiver.availableBitrate);
    }
  }

  /** A consumer was added: the receiver's plan now includes this stream (once it has an estimate). */
  replan(receiverId: string, receiver: LayerPlanParticipant): void {
    if (receiver.availableBitrate !== null) void this.applyAvailableBitrate(receiverId, receiver.availableBitrate).catch(() => undefined);
  }

  /**
   * Re-plans the layers `participantId` receives for a link that carries `bitrate` bit/s
   * (called on each BWE trace of the receive transport; tests may call it directly).
   */
  async applyAvailableBitrate(participantId: string, bitrate: number): Promise<void> {
    const receiver = this.#participants.get(participantId);
    if (!receiver || this.#router.closed) return;
    receiver.availableBitrate = bitrate;
    const consumers = [...receiver.consumers.values()].filter((consumer) => !consumer.closed);
    const streams = await Promise.all(
      consumers.map(async (consumer) => {
        const { source, ownerRole } = originOf(consumer);
        const layers = layersOf(consumer.rtpParameters.encodings ?? []);
        const measured = layers.spatialLayers > 1 || layers.temporalLayers > 1 ? await this.#layerBitrates(consumer.producerId) : undefined;
        return { id: consumer.id, kind: consumer.kind, source, ownerRole, ...layers, ...(measured ? { measured } : {}) };
      }),
    );
    const plan = planLayers(bitrate, this.#profile, streams);
    await Promise.all(
      consumers.map(async (consumer) => {
        const choice = plan.get(consumer.id);
        const current = consumer.preferredLayers;
        if (!choice || (current?.spatialLayer === choice.spatialLayer && current?.temporalLayer === choice.temporalLayer)) return;
        await consumer.setPreferredLayers(choice).catch(() => undefined);
      }),
    );
  }

  /** The consumers `receiver` receives, with their priority and layers. */
  decisions(receiver: LayerPlanParticipant): LayerDecision[] {
    return [...receiver.consumers.values()].map((consumer) => {
      const { source, ownerRole } = originOf(consumer);
      return {
        consumerId: consumer.id,
        source,
        ownerRole,
        priority: consumer.priority,
        preferredLayers: consumer.preferredLayers ?? null,
        currentLayers: consumer.currentLayers ?? null,
      };
    });
  }

  /** Bitrate of each layer of a producer as the SFU receives it now ("spatial.temporal" → bit/s). */
  async #layerBitrates(producerId: string): Promise<Record<string, number> | undefined> {
    let producer: types.Producer | undefined;
    for (const participant of this.#participants.values()) producer ??= participant.producers.get(producerId)?.producer;
    if (!producer || producer.closed) return undefined;
    const stats = await producer.getStats().catch(() => []);
    const encodings = producer.rtpParameters.encodings ?? [];
    const measured: Record<string, number> = {};
    for (const stat of stats) {
      const spatial = encodings.length > 1 ? encodings.findIndex((encoding) => (encoding.rid ? encoding.rid === stat.rid : encoding.ssrc === stat.ssrc)) : 0;
      if (spatial < 0) continue;
      const byLayer = stat.bitrateByLayer ?? {};
      if (Object.keys(byLayer).length > 0 && encodings.length === 1) {
        for (const [layer, value] of Object.entries(byLayer)) measured[layer] = value;
      } else {
        // A simulcast stream: receiving spatial layer N costs that stream's whole bitrate.
        const temporalLayers = layersOf(encodings).temporalLayers;
        for (let temporal = 0; temporal < temporalLayers; temporal++) {
          measured[`${spatial}.${temporal}`] = byLayer[`0.${temporal}`] ?? stat.bitrate;
        }
      }
    }
    return measured;
  }
}

/**
 * Spatial and temporal layers a consumer can switch between: mediasoup gives a simulcast or SVC
 * consumer one encoding whose scalabilityMode is L<spatial>T<temporal>.
 */
function layersOf(encodings: types.RtpEncodingParameters[]): { spatialLayers: number; temporalLayers: number } {
  const mode = /^L(\d+)T(\d+)/.exec(encodings[0]?.scalabilityMode ?? '');
  const temporalLayers = mode ? Number(mode[2]) : 1;
  const spatialLayers = encodings.length > 1 ? encodings.length : mode ? Number(mode[1]) : 1;
  return { spatialLayers, temporalLayers };
}
