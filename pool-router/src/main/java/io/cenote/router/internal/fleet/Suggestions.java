package io.cenote.router.internal.fleet;

import java.util.Collection;

/** Finds the valid key nearest to a mistyped one, for "did you mean" in error messages. */
final class Suggestions {

  private Suggestions() {}

  /**
   * Returns the candidate nearest to {@code key} by edit distance, where swapping two adjacent
   * characters counts as one edit (the commonest typo, {@code maxSzie}); ties go to the
   * alphabetically first candidate so the suggestion does not depend on iteration order.
   *
   * @param key the unknown key
   * @param candidates the valid keys, not empty
   * @return the nearest candidate
   */
  static String nearest(String key, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(key, candidate);
      if (d < bestDistance || (d == bestDistance && candidate.compareTo(best) < 0)) {
        best = candidate;
        bestDistance = d;
      }
    }
    if (best == null) {
      throw new IllegalStateException("no candidate keys to suggest for '" + key + "'");
    }
    return best;
  }

  /** Optimal string alignment distance: Levenshtein plus adjacent transpositions. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          best = Math.min(best, d[i - 2][j - 2] + 1);
        }
        d[i][j] = best;
      }
    }
    return d[a.length()][b.length()];
  }
}
