package io.cenote.examples.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the simulator's command line in-process, as the tests of its scenarios need. */
final class ScenarioRuns {

  private ScenarioRuns() {}

  /**
   * Runs a command line to its end and checks that it succeeded.
   *
   * @param environment the process environment it sees
   * @param args the command line
   * @return the one recording of the run
   */
  static Recording run(Map<String, String> environment, String... args) {
    Outcome o = execute(environment, args);
    // printed so that a failing assertion can be read against what the run showed
    System.out.println(o.out());
    assertThat(o.status()).as("exit status; stderr: %s", o.err()).isZero();
    assertThat(o.recordings()).hasSize(1);
    return o.recordings().get(0);
  }

  /**
   * Runs a command line to its end, whatever its status.
   *
   * @param environment the process environment it sees
   * @param args the command line
   * @return the status, the output and the recordings
   */
  static Outcome execute(Map<String, String> environment, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> line = new ArrayList<>(List.of(args));
    line.add("--no-color");
    SimulateMain.Result r = SimulateMain.run(line.toArray(String[]::new), environment,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false);
    return new Outcome(r.status(), out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8), r.recordings());
  }

  /**
   * What a command line did.
   *
   * @param status its exit status
   * @param out what it printed
   * @param err what it reported as problems
   * @param recordings what each scenario recorded
   */
  record Outcome(int status, String out, String err, List<Recording> recordings) {}
}
