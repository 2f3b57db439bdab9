package io.cenote.testkit.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Maps URLs and keys to {@link FaultPlan}s, creating plans on first use. A second map caches the
 * plan per full connect URL so that {@code Driver.connect} finds its plan with one lock-free
 * lookup and no string work.
 */
final class PlanRegistry {

  static final String PREFIX = "jdbc:cenote-fault:";
  static final String GLOBAL_KEY = "*";

  private static final Pattern USER_INFO = Pattern.compile("//[^/@?]*@");
  private static final Pattern ORACLE_USER = Pattern.compile("thin:[^@]*@");

  private final FaultPlan global = new FaultPlan(GLOBAL_KEY, null, this);
  private final ConcurrentHashMap<String, FaultPlan> byKey = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, FaultPlan> byUrl = new ConcurrentHashMap<>();

  FaultPlan global() {
    return global;
  }

  /** The plan for a key or URL, created on first use. */
  FaultPlan plan(String keyOrUrl) {
    String key = keyOf(keyOrUrl);
    return GLOBAL_KEY.equals(key) ? global : byKey.computeIfAbsent(key, this::newPlan);
  }

  /** The plan for a {@code jdbc:cenote-fault:} connect URL. */
  FaultPlan forUrl(String url) {
    FaultPlan plan = byUrl.get(url);
    if (plan == null) {
      plan = plan(url);
      byUrl.putIfAbsent(url, plan);
    }
    return plan;
  }

  /** Every plan but the global one. */
  List<FaultPlan> plans() {
    return new ArrayList<>(byKey.values());
  }

  private FaultPlan newPlan(String key) {
    return new FaultPlan(key, global, this);
  }

  /**
   * Normalizes a key or URL: drops {@code jdbc:cenote-fault:} (or a bare {@code jdbc:}) in front
   * and the query string behind, so {@code jdbc:cenote-fault:postgresql://h/db?user=a} and
   * {@code jdbc:postgresql://h/db} both give {@code postgresql://h/db}. Credentials written into
   * the URL ({@code //user:secret@host}, Oracle's {@code thin:user/secret@host}) are dropped too,
   * because keys appear in messages.
   */
  static String keyOf(String keyOrUrl) {
    if (keyOrUrl == null) {
      throw new NullPointerException("plan key or URL must not be null");
    }
    String key = keyOrUrl;
    if (key.startsWith(PREFIX)) {
      key = key.substring(PREFIX.length());
    } else if (key.startsWith("jdbc:")) {
      key = key.substring("jdbc:".length());
    }
    int query = key.indexOf('?');
    if (query >= 0) {
      key = key.substring(0, query);
    }
    key = USER_INFO.matcher(key).replaceFirst("//");
    key = ORACLE_USER.matcher(key).replaceFirst("thin:@");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("plan key must not be empty, but was '" + keyOrUrl + "'");
    }
    return key;
  }

  /** True for {@code stub} and {@code stub:<name>}: served in memory, not by a real driver. */
  static boolean isStubKey(String key) {
    return key.equals("stub") || key.startsWith("stub:");
  }
}
