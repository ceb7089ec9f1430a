export * from './api';
export * from './errors';
export * from './define';
export * from './namespaces/app';
export * from './namespaces/session';
export * from './namespaces/catalogue';
export * from './namespaces/flows';
