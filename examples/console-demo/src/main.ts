import { ChatcartError } from '@chatcart/core';

// The interactive shop arrives with the conversation issue; until then the demo says so instead of failing.
const sample = new ChatcartError('DEMO_PENDING', 'The terminal demo arrives with the conversation flow.');
console.log(`chatcart demo: ${sample.message}`);
console.log('Meanwhile, `pnpm test` runs the domain and engine test suites.');
