// The DNS layer's pure analysis: configuration in, expected answers and findings out.
export * from './types.js';
export * from './names.js';
export * from './resolver-rules.js';
export * from './hosted-zones.js';
export * from './dhcp.js';
export * from './expected-answer.js';
export * from './observed-answer.js';
export * from './az-coverage.js';
export * from './onprem.js';
export * from './companions.js';
export * from './sts.js';
export * from './cost.js';
export * from './service-azs.js';
export * as dnsFixes from './fixes.js';
