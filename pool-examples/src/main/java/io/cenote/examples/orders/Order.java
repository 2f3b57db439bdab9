package io.cenote.examples.orders;

import java.util.List;

/**
 * An order as read back from the database.
 *
 * @param id the generated key
 * @param customer who ordered
 * @param totalCents the stored total, in cents
 * @param lines its lines, in line order (empty in a listing)
 */
public record Order(long id, String customer, long totalCents, List<OrderLine> lines) {

  /** Copies the lines. */
  public Order {
    lines = List.copyOf(lines);
  }
}
