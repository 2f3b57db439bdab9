package io.cenote.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes the scratch directories the demo, the simulator and the dashboard create. */
public final class TempDirectories {

  private TempDirectories() {}

  /**
   * Deletes a directory and everything in it, ignoring what cannot be deleted: a temporary
   * directory left behind is harmless.
   *
   * @param dir the directory; null does nothing
   */
  public static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | RuntimeException e) {
      // a temporary directory left behind is harmless
    }
  }
}
