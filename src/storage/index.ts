// The storage layer's public surface: import from 'src/storage' rather than from its files.
export * from './db';
export * from './records';
export * from './repositories';
export * from './person-thread';
export * from './popup-reads';
export * from './history';
export * from './outbox';
export * from './backup';
export * from './autosave';
export * from './channel';
export * from './errors';
export * from './sync-reads';
