/**
 * Runnable examples of Cenote. The console demo lives in {@link io.cenote.examples.demo}; run it
 * with {@code scripts/demo.sh}.
 */
package io.cenote.examples;
