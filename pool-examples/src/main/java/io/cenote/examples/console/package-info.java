/**
 * Console output shared by the demo and the scenario simulator: ANSI colours that switch off
 * for plain output, timestamped and tagged lines, and short text for durations, counts and
 * ratios.
 */
package io.cenote.examples.console;
