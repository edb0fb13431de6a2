import type { types } from 'mediasoup';

/** How long a consumer may stay in the stale state before it is replaced. */
export const STALE_CONSUMER_MS = 2000;

/**
 * Whether a single-stream consumer (SVC or simple) is stuck with a stale producer score: its own
 * producer score says 0 while the producer's one stream scores above 0. Seen with mediasoup 3.27
 * under load (the customer's document camera at the expert: the stream arrived at the SFU at
 * ~190 kbit/s with score 10, the consumer was resumed and its link had 1.6 Mbit/s to spare, yet
 * mediasoup never selected a layer for it, for as long as the call lasted): the consumer missed
 * the producer stream's score change, and a consumer with a producer score of 0 is inactive.
 */
export function hasStaleProducerScore(consumer: Pick<types.Consumer, 'type' | 'score' | 'paused' | 'producerPaused' | 'closed'>): boolean {
  if (consumer.closed || consumer.paused || consumer.producerPaused) return false;
  if (consumer.type !== 'svc' && consumer.type !== 'simple') return false;
  const { producerScore, producerScores } = consumer.score;
  return producerScore === 0 && producerScores.length === 1 && producerScores[0]! > 0;
}

/**
 * Watches a consumer for a stale producer score (above) and calls `replace` once it has lasted
 * `staleMs`: the room then replaces the consumer with a new one of the same producer (the client
 * sees the old one closed and a new one added). Returns a function that stops watching.
 */
export function watchStaleConsumer(consumer: types.Consumer, replace: () => void, staleMs = STALE_CONSUMER_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    if (!hasStaleProducerScore(consumer)) {
      clearTimeout(timer);
      timer = undefined;
      return;
    }
    timer ??= setTimeout(() => {
      timer = undefined;
      if (hasStaleProducerScore(consumer)) replace();
    }, staleMs);
  };
  consumer.on('score', check);
  consumer.observer.on('resume', check);
  consumer.on('producerresume', check);
  const stop = () => {
    clearTimeout(timer);
    consumer.off('score', check);
    consumer.observer.off('resume', check);
    consumer.off('producerresume', check);
  };
  consumer.observer.once('close', stop);
  check();
  return stop;
}
