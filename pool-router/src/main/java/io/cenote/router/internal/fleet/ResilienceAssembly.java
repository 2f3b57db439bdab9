package io.cenote.router.internal.fleet;

import io.cenote.resilience.BreakerSettings;
import io.cenote.resilience.ResilienceConfig;
import io.cenote.router.internal.fleet.FleetModel.ResilienceModel;
import java.util.List;
import java.util.Map;

/** Builds a cluster's {@link ResilienceConfig} through the text setters of pool-resilience. */
final class ResilienceAssembly {

  private ResilienceAssembly() {}

  /**
   * Builds a cluster's resilience section, also when the section is off, so that a bad value
   * in a switched-off section is still reported.
   *
   * @param cluster the cluster's name
   * @param model the merged section
   * @param secrets the fleet's secrets
   * @return the section
   * @throws IllegalArgumentException naming the key or variable of a rejected value, or the
   *     section or host when settings conflict
   */
  static ResilienceConfig build(String cluster, ResilienceModel model, SecretMask secrets) {
    String prefix = KeyGrammar.ROOT + KeyGrammar.CLUSTERS + "." + cluster + "."
        + KeyGrammar.RESILIENCE;
    ResilienceConfig.Builder builder = ResilienceConfig.builder();
    SettingApplier.apply(model.settings(), builder::set, secrets);
    for (Map.Entry<String, List<Setting>> host : model.hostBreakers().entrySet()) {
      BreakerSettings.Builder breaker = BreakerSettings.builder();
      SettingApplier.apply(host.getValue(), breaker::set, secrets);
      builder.breaker(host.getKey(), SettingApplier.build("breaker of host '" + host.getKey()
          + "' (" + prefix + "." + KeyGrammar.HOSTS + "." + host.getKey() + ")", breaker::build,
          secrets));
    }
    return SettingApplier.build("resilience of cluster '" + cluster + "' (" + prefix + ")",
        builder::build, secrets);
  }

  /**
   * Checks the values of {@code cenote.defaults.resilience.*} on their own, so that a bad
   * default is reported even when no cluster inherits it.
   *
   * @param defaults the default resilience settings
   * @param secrets the fleet's secrets
   * @throws IllegalArgumentException naming the key or variable of a rejected value
   */
  static void checkDefaults(List<Setting> defaults, SecretMask secrets) {
    SettingApplier.apply(defaults, ResilienceConfig.builder()::set, secrets);
  }
}
