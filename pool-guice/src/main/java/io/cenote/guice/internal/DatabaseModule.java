package io.cenote.guice.internal;

import com.google.inject.Key;
import com.google.inject.PrivateModule;
import com.google.inject.Provider;
import com.google.inject.Scopes;
import com.google.inject.TypeLiteral;
import com.google.inject.binder.ScopedBindingBuilder;
import com.google.inject.name.Names;
import io.cenote.pool.PoolControl;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;

/**
 * The private module of one database of the fleet (jdbi3-guice's shape): each binding is made
 * unannotated inside, then linked and exposed under {@code @Named("<name>")} and, when the user
 * gave one, under the database's own annotation. So many databases bind the same types side by
 * side, and only what users need leaves the module.
 */
abstract class DatabaseModule extends PrivateModule {

  /** The pools of a database, primary first. */
  static final TypeLiteral<List<PoolControl>> POOLS = new TypeLiteral<>() {};

  final String name;
  final FleetAccess fleet;
  private final Class<? extends Annotation> annotation;

  DatabaseModule(String name, Class<? extends Annotation> annotation, FleetAccess fleet) {
    this.name = name;
    this.annotation = annotation;
    this.fleet = fleet;
  }

  /** @return how a use of this database is named in messages */
  final String user() {
    return "database '" + name + "'";
  }

  /** A binding built once per injector, before the fleet starts. */
  final <T> void exposeSingleton(Class<T> type, Provider<T> provider) {
    expose(TypeLiteral.get(type), bind(type).toProvider(provider), true);
  }

  /** A binding asked of the running fleet at each provision. */
  final <T> void exposeEachTime(TypeLiteral<T> type, Provider<T> provider) {
    expose(type, bind(type).toProvider(provider), false);
  }

  final <T> void exposeEachTime(Class<T> type, Provider<T> provider) {
    exposeEachTime(TypeLiteral.get(type), provider);
  }

  private <T> void expose(TypeLiteral<T> type, ScopedBindingBuilder binding, boolean singleton) {
    if (singleton) {
      binding.in(Scopes.SINGLETON);
    }
    List<Key<T>> keys = new ArrayList<>();
    keys.add(Key.get(type, Names.named(name)));
    if (annotation != null) {
      keys.add(Key.get(type, annotation));
    }
    for (Key<T> key : keys) {
      bind(key).to(type);
      expose(key);
    }
  }
}
