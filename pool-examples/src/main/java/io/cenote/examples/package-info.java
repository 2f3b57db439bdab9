/**
 * Runnable examples of Cenote. The console demo lives in {@link io.cenote.examples.demo}; run it
 * with {@code scripts/demo.sh}. The orders example app, one per database type, lives in
 * {@link io.cenote.examples.orders}; run it with {@code scripts/example.sh}.
 */
package io.cenote.examples;
