package io.cenote.testkit.net;

import static io.cenote.testkit.net.NetTests.connect;
import static io.cenote.testkit.net.NetTests.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RewriteTest extends ProxyTestBase {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "jdbc:postgresql://127.0.0.1:5432/appdb?x=y          | jdbc:postgresql://@/appdb?x=y",
      "jdbc:mysql://127.0.0.1:3307/db                      | jdbc:mysql://@/db",
      "jdbc:mariadb://localhost:3306/app?user=a&password=b | jdbc:mariadb://@/app?user=a&password=b",
      "jdbc:mariadb://db.local/app                         | jdbc:mariadb://@/app",
      "jdbc:postgresql://db.local:5432                     | jdbc:postgresql://@",
      "jdbc:mysql://app:s3cret@127.0.0.1:3306/db           | jdbc:mysql://app:s3cret@@/db",
      "jdbc:cenote-fault:postgresql://127.0.0.1:5432/appdb | jdbc:cenote-fault:postgresql://@/appdb",
      "jdbc:postgresql://[::1]:5432/db                     | jdbc:postgresql://@/db",
      "jdbc:sqlserver://db.local:1433;databaseName=app     | jdbc:sqlserver://@;databaseName=app",
  })
  void rewriteReplacesOnlyHostAndPort(String url, String expected) {
    assertThat(proxy.rewrite(url))
        .isEqualTo(expected.replace("@/", proxy.host() + ":" + proxy.port() + "/")
            .replace("@;", proxy.host() + ":" + proxy.port() + ";")
            .replaceAll("@$", proxy.host() + ":" + proxy.port()));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "jdbc:sqlite:/tmp/app.db",
      "jdbc:postgresql:appdb",
      "jdbc:postgresql:///appdb",
      "jdbc:mysql://h1:3306,h2:3306/db",
      "jdbc:mysql://address=(host=h1)(port=3306)/db",
      "jdbc:mysql://host:abc/db",
      "jdbc:mysql://host:0/db",
      "jdbc:mysql://host:70000/db",
      "jdbc:postgresql://::1:5432/db",
      "jdbc:oracle:thin:@host:1521/service",
      "postgresql://host:5432/db",
      "jdbc:sqlite:/tmp/x?proxy=http://host:1/",
  })
  void rewriteRejectsUrlsWithoutOneHostAndPort(String url) {
    assertThatThrownBy(() -> proxy.rewrite(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot use JDBC URL " + url + ": ");
  }

  @Test
  void errorsMaskPasswords() {
    assertThatThrownBy(() -> proxy.rewrite(
        "jdbc:postgresql:///appdb?user=app&password=s3cret&sslpassword=k3y;x=1"))
        .hasMessageContaining("jdbc:postgresql:///appdb?user=app&password=****&sslpassword=****;x=1")
        .hasMessageNotContaining("s3cret")
        .hasMessageNotContaining("k3y");
    assertThatThrownBy(() -> proxy.rewrite("jdbc:mysql://app:s3c@ret@h1:1,h2:2/db"))
        .hasMessageContaining("jdbc:mysql://app:****@h1:1,h2:2/db")
        .hasMessageNotContaining("s3c")
        .hasMessageNotContaining("ret");
    assertThatThrownBy(() -> proxy.rewrite(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("jdbcUrl");
  }

  @Test
  void forJdbcUrlProxiesTheServerTheUrlNames() throws Exception {
    String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/appdb?password=s3cret";
    try (NetworkFaultProxy forUrl = NetworkFaultProxy.forJdbcUrl(NetTests.uniqueName("url"), url)) {
      assertThat(forUrl.upstreamAddress()).isEqualTo(server.address());
      assertThat(forUrl.rewrite(url)).isEqualTo(
          "jdbc:postgresql://127.0.0.1:" + forUrl.port() + "/appdb?password=s3cret");
      try (Socket client = connect(forUrl)) {
        assertThat(roundTrip(client, "ping")).isEqualTo("ping");
      }
    }
  }

  @Test
  void forJdbcUrlNeedsAPort() {
    assertThatThrownBy(() -> NetworkFaultProxy.forJdbcUrl("p", "jdbc:mariadb://db.local/app?password=x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot use JDBC URL jdbc:mariadb://db.local/app?password=****: it has no port;"
            + " the proxy must know the server's port");
  }
}
