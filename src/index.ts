// The package root: what a consumer gets from `import … from 'atb'`.
export * from './domain/index.js';
