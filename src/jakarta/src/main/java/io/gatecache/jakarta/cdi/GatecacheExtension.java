package io.gatecache.jakarta.cdi;

import io.gatecache.api.Cached;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import java.util.ArrayList;
import java.util.List;

/**
 * CDI portable extension: checks every {@link Cached} on the types CDI discovers and fails the
 * deployment, listing every mistake, before the first request. JAX-RS resources CDI does not see
 * are checked by {@link io.gatecache.jakarta.jaxrs.CachedFeature} when JAX-RS starts.
 */
public class GatecacheExtension implements Extension {

    private final List<String> errors = new ArrayList<>();

    <T> void check(@Observes @WithAnnotations(Cached.class) ProcessAnnotatedType<T> pat) {
        AnnotatedType<T> type = pat.getAnnotatedType();
        Cached onType = type.getAnnotation(Cached.class);
        if (onType != null) {
            errors.addAll(CachedValidator.validate(type.getJavaClass(), onType));
        }
        for (AnnotatedMethod<? super T> m : type.getMethods()) {
            Cached onMethod = m.getAnnotation(Cached.class);
            if (onMethod != null && m.getJavaMember().getDeclaringClass() == type.getJavaClass()) {
                errors.addAll(CachedValidator.validate(m.getJavaMember(), onMethod));
            }
        }
    }

    void fail(@Observes AfterBeanDiscovery abd) {
        if (!errors.isEmpty()) {
            abd.addDefinitionError(new DeploymentException(message(errors)));
        }
    }

    public static String message(List<String> errors) {
        return "Gatecache: " + errors.size() + " invalid @Cached annotation(s):\n  - "
                + String.join("\n  - ", errors);
    }
}
