export * from './accounts';
export * from './sessions';
export * from './audit';
export * from './settings';
