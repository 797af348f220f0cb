export * from './roles';
export * from './users';
export * from './api-keys';
export * from './sessions';
export * from './totp';
export * from './audit';
