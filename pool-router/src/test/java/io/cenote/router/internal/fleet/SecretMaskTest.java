package io.cenote.router.internal.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretMaskTest {

  @Test
  void secretsAndUrlCredentialsAreMasked() {
    SecretMask mask = new SecretMask();
    mask.add("hunter2");
    mask.add("hunter2-and-more");
    mask.add("");
    mask.add(null);

    assertThat(mask.mask("maxSize must be an integer, but was 'hunter2-and-more'"))
        .isEqualTo("maxSize must be an integer, but was '****'");
    assertThat(mask.mask("jdbc:postgresql://db/app?user=a&password=other"))
        .isEqualTo("jdbc:postgresql://db/app?user=a&password=****");
    assertThat(mask.mask(null)).isNull();
  }

  @Test
  void aSecretSettingShowsNoValue() {
    assertThat(new Setting("password", "hunter2", "cenote.pools.p.password").toString())
        .isEqualTo("password=**** (cenote.pools.p.password)");
    assertThat(new Setting("driver.sslpassword", "x", "k").secret()).isTrue();
    assertThat(new Setting("maxSize", "5", "k").toString()).isEqualTo("maxSize=5 (k)");
  }
}
