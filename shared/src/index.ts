export * from './errors.ts';
export * from './domain.ts';
export * from './protocol/media.ts';
export * from './protocol/methods.ts';
export * from './protocol/notifications.ts';
export * from './protocol/envelope.ts';
export * from './protocol/rest.ts';
