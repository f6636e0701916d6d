package io.gatecache.jakarta.context;

import io.gatecache.api.UserContextProvider;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Works out a request's user context: the roles the user has among the declared ones (the pair
 * {@code roles}, sorted, comma-separated; absent for a user with none), then whatever the
 * application's {@link UserContextProvider} beans add.
 */
public final class ContextProviders {

    /** The built-in provider's key. */
    public static final String ROLES = "roles";

    private final Set<String> roles;

    /** @param roles the declared roles (see {@link DeclaredRoles}) */
    public ContextProviders(Set<String> roles) {
        this.roles = Set.copyOf(new java.util.TreeSet<>(roles));
    }

    /** The request's pairs. */
    public Map<String, String> of(HttpServletRequest request) {
        RequestUserContext context = new RequestUserContext(request);
        if (request.getUserPrincipal() != null) {
            StringJoiner has = new StringJoiner(",");
            new java.util.TreeSet<>(roles).stream().filter(request::isUserInRole).forEach(has::add);
            if (has.length() > 0) {
                context.add(ROLES, has.toString());
            }
        }
        Instance<UserContextProvider> providers = providers();
        if (providers != null) {
            for (UserContextProvider p : providers) {
                p.contribute(context);
            }
        }
        return context.pairs();
    }

    /** The application's providers; null when it has no CDI container. */
    private static Instance<UserContextProvider> providers() {
        try {
            return CDI.current().select(UserContextProvider.class);
        } catch (IllegalStateException noContainer) {
            return null;
        }
    }
}
