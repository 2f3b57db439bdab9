package io.cenote.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** What the dashboard masks in texts that come from drivers and applications. */
class RedactionTest {

  @Test
  void jdbcUrlsAreMaskedWhole() {
    assertThat(Redaction.clean("cannot open jdbc:mysql://app:pw@db1:3306/shop?ssl=true now"))
        .isEqualTo("cannot open <url> now");
  }

  @Test
  void urlsWithoutJdbcAreMaskedToo() {
    assertThat(Redaction.clean("server 'sqlite:/var/db/app.db' is down"))
        .isEqualTo("server '<url>' is down");
    assertThat(Redaction.clean("via postgresql://app:pw@db1/orders"))
        .isEqualTo("via <url>");
  }

  @Test
  void credentialsInPropertyListsAreMasked() {
    assertThat(Redaction.clean("props {user=app, password=s3cret; pwd=x}"))
        .isEqualTo("props {user=***, password=***; pwd=***}");
  }

  @Test
  void theUserALoginFailedForIsMasked() {
    assertThat(Redaction.clean("FATAL: password authentication failed for user \"app\""))
        .isEqualTo("FATAL: password authentication failed for user ***");
  }

  @Test
  void plainTextIsLeftAsItIs() {
    String text = "utilisation 95% above 90%; p99 wait 12.0 ms";

    assertThat(Redaction.clean(text)).isEqualTo(text);
    assertThat(Redaction.clean(null)).isNull();
  }

  @Test
  void aFailureIsDescribedWithItsSqlState() {
    assertThat(Redaction.describe(new SQLException("refused by jdbc:x://h", "08001")))
        .isEqualTo("08001 refused by <url>");
    assertThat(Redaction.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
  }
}
