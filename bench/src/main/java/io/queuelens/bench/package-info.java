/** Load programs and JMH benchmarks; run through bench/run, results in docs/PERFORMANCE.md. */
package io.queuelens.bench;
