export * from './media-server.ts';
export * from './config.ts';
export { LocalMediaServer } from './local-media-server.ts';
export { consumerPriority } from './mediasoup-room.ts';
