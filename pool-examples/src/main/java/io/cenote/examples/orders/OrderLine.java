package io.cenote.examples.orders;

import java.util.Objects;

/**
 * One line of an order.
 *
 * @param sku the article
 * @param quantity how many; the database rejects zero or less (a {@code CHECK} constraint)
 * @param priceCents the unit price in cents
 */
public record OrderLine(String sku, int quantity, long priceCents) {

  /** Checks that the article is named. */
  public OrderLine {
    Objects.requireNonNull(sku, "sku");
  }

  /** @return quantity times unit price, in cents */
  public long amountCents() {
    return quantity * priceCents;
  }
}
