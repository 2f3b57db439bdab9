package io.cenote.examples.demo;

import java.util.List;

/** What one part of the demo produced, as far as the exit status and final message care. */
interface PartResult {

  /** @return what did not go as designed, empty when the part ran as designed */
  List<String> problems();

  /** @return the first unexpected client failure, or null */
  Throwable firstError();

  /** @return what a successful run showed, for the closing line */
  String success();
}
