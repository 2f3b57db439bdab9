package io.cenote.router.internal.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  @Test
  void aSwapOfTwoLettersIsOneEdit() {
    assertThat(Suggestions.distance("maxSzie", "maxSize")).isEqualTo(1);
    assertThat(Suggestions.distance("maxSize", "maxSize")).isZero();
    assertThat(Suggestions.distance("maxSiz", "maxSize")).isEqualTo(1);
    assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
  }

  @Test
  void theNearestWinsAndTiesGoToTheFirstByName() {
    assertThat(Suggestions.nearest("a.maxSzie", List.of("a.minIdle", "a.maxSize", "a.maxUses")))
        .isEqualTo("a.maxSize");
    assertThat(Suggestions.nearest("ab", List.of("ac", "aa"))).isEqualTo("aa");
    assertThatThrownBy(() -> Suggestions.nearest("a", List.of()))
        .isInstanceOf(IllegalStateException.class);
  }
}
