export * from './media-server.ts';
export * from './config.ts';
export { LocalMediaServer } from './local-media-server.ts';
export { consumerPriority, carriesSignLanguage, planLayers, FACE_LAYERS, DOCUMENT_MAX_BITRATE, type PriorityProfile } from './bandwidth-policy.ts';
