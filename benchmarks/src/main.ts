console.log('No benchmarks are registered yet.');
