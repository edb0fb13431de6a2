export * from './typed-emitter.ts';
export * from './signaling-client.ts';
export * from './call-engine.ts';
export * from './media-capture.ts';
export * from './prepared-media.ts';
export * from './data-channels.ts';
export * from './data-framing.ts';
export * from './captions.ts';
