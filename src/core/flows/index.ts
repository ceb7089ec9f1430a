/** Core's half of the flow engine: loading flow files, the flows namespace (submission: ../submission). */
export * from './config';
export * from './loader';
export * from './flows-handlers';
export * from './flow-json-schema';
