export * from './agencies.ts';
export * from './registry.ts';
export * from './access.ts';
export * from './log.ts';
export * from './trail.ts';
export * from './rollup.ts';
export * from './notifications.ts';
export * from './sessions.ts';
