package io.cenote.testkit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The threads Cenote started since a snapshot. Cenote names every thread after what owns it:
 * {@code <pool>-housekeeper}, {@code <pool>-creator}, {@code <pool>-connector},
 * {@code <pool>-watchdog},
 * {@code <cluster>-health-<pool>} (and {@code -timer}, {@code -helper-N}) and
 * {@code <cluster>-probe*}; so a thread is Cenote's when its name starts with
 * {@code <member>-} for a cluster or pool name of the test, or with {@code cenote-}. Threads
 * alive at the snapshot are left out (they belong to earlier tests or to the JVM), and so are
 * the drivers' own (pgjdbc's cleaner, Connector/J's abandoned-connection reaper), which are
 * shared by every user of the driver.
 */
public final class CenoteThreads {

  /** Counted too, in case a Cenote thread named after no member appears: it would be a leak. */
  public static final String SHARED_PREFIX = "cenote-";

  private final List<String> prefixes = new ArrayList<>();
  private final Set<Thread> before = Collections.newSetFromMap(new IdentityHashMap<>());

  /**
   * Takes the snapshot.
   *
   * @param memberNames the cluster and pool names whose threads count
   */
  public CenoteThreads(Collection<String> memberNames) {
    for (String name : memberNames) {
      prefixes.add(name + "-");
    }
    prefixes.add(SHARED_PREFIX);
    before.addAll(Thread.getAllStackTraces().keySet());
  }

  /** @return the names of Cenote's live threads started since the snapshot */
  public List<String> started() {
    List<String> names = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && !before.contains(t) && isCenotes(t.getName())) {
        names.add(t.getName());
      }
    }
    Collections.sort(names);
    return names;
  }

  private boolean isCenotes(String threadName) {
    for (String prefix : prefixes) {
      if (threadName.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
