import * as mediasoup from 'mediasoup';
import type { MediaCounters } from '@etapiste/shared';

/**
 * Counts live mediasoup objects from mediasoup's own observer events (not from our own
 * bookkeeping), so a leak in our code shows up here.
 */
export class MediaObjectCounter {
  readonly #counts: MediaCounters = { routers: 0, transports: 0, producers: 0, consumers: 0 };
  #attached = false;

  attach(): void {
    if (this.#attached) return;
    this.#attached = true;
    mediasoup.observer.on('newworker', (worker) => {
      worker.observer.on('newrouter', (router) => {
        this.#track('routers', router.observer);
        router.observer.on('newtransport', (transport) => {
          this.#track('transports', transport.observer);
          transport.observer.on('newproducer', (producer) => this.#track('producers', producer.observer));
          transport.observer.on('newconsumer', (consumer) => this.#track('consumers', consumer.observer));
        });
      });
    });
  }

  snapshot(): MediaCounters {
    return { ...this.#counts };
  }

  #track(kind: keyof MediaCounters, observer: { once(event: 'close', listener: () => void): unknown }): void {
    this.#counts[kind] += 1;
    observer.once('close', () => {
      this.#counts[kind] -= 1;
    });
  }
}

/** One counter per process: mediasoup's observer is process-wide. */
export const mediaObjectCounter = new MediaObjectCounter();
